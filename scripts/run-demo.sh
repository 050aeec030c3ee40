#!/usr/bin/env bash
# `make run`: open the counter on a local demo data dir (created with the demo catalog and
# sample dossiers the first time), with the virtual ESC/POS printer as its default printer;
# printed slips land as PNG files in $data/virtual-printer.
set -euo pipefail
data="${1:-var/demo}"
bin=.venv/bin
# A demo machine often has no OS keyring (no Secret Service on a headless Linux), and the counter
# refuses a plaintext one unless told otherwise. The demo data dir is throw-away, so it opts in;
# the window then says in red that secrets are not protected. A real counter never sets this.
export MOTCUA_ALLOW_INSECURE_KEYRING="${MOTCUA_ALLOW_INSECURE_KEYRING:-1}"

if [ ! -f "$data/motcua.db" ]; then
  "$bin/motcua" --data-dir "$data" demo
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "Không có màn hình (DISPLAY): chạy 'xvfb-run make run' hoặc đặt QT_QPA_PLATFORM=offscreen" >&2
  exit 1
fi

mkdir -p "$data/virtual-printer"
log="$data/virtual-printer/listener.log"
"$bin/python" -m devtools.virtual_printer --port 0 --out "$data/virtual-printer" >"$log" 2>&1 &
printer=$!
trap 'kill "$printer" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM HUP
for _ in $(seq 50); do
  grep -q '^listening ' "$log" 2>/dev/null && break
  sleep 0.1
done
address=$(sed -n 's/^listening //p' "$log" | head -n 1)
if [ -n "$address" ]; then
  # the demo counter has no administrator to run `printer set --user` (devtools/demo_printer.py)
  "$bin/python" -m devtools.demo_printer "$data" "tcp://$address"
  echo "Phiếu in ra máy in ảo được lưu thành ảnh PNG trong $data/virtual-printer"
else
  echo "Không khởi động được máy in ảo (xem $log); ứng dụng vẫn chạy" >&2
fi
"$bin/motcua" --data-dir "$data"
