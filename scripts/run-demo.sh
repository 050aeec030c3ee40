#!/usr/bin/env bash
# `make run`: open the counter on a local demo data dir (created with the demo catalog and
# sample dossiers the first time).
set -euo pipefail
data="${1:-var/demo}"
bin=.venv/bin

if [ ! -f "$data/motcua.db" ]; then
  "$bin/motcua" --data-dir "$data" demo
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "Không có màn hình (DISPLAY): chạy 'xvfb-run make run' hoặc đặt QT_QPA_PLATFORM=offscreen" >&2
  exit 1
fi
exec "$bin/motcua" --data-dir "$data"
