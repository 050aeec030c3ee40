#!/usr/bin/env bash
# Installs the Debian packages the counter needs when they are missing and we run as root;
# otherwise says which ones to install. Quiet when everything is there.
set -euo pipefail

packages=(
  # Qt (PySide6) on X11 and offscreen
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-image0
  libxcb-render-util0 libxcb-xinerama0
  # Qt Multimedia (reading a receipt's QR with a camera) links against PulseAudio's client
  libpulse0
  # QR decoding (pyzbar)
  libzbar0
  # only for tests: the report tests (tests/stats, tests/incidents) read PDFs back with
  # `pdftotext -layout`, which keeps a table row on one line; the counter itself reads PDFs
  # with PDFium, which comes with the pypdfium2 wheel
  poppler-utils
  # the reference server's tests run on PostgreSQL too; the tests start a private cluster
  # themselves (tests/pgcluster.py), so the system's own cluster need not run
  postgresql
  # scanners through SANE: the library, its headers for the python-sane binding, and the
  # command-line tools; the tests scan from SANE's own "test" backend
  libsane1 libsane-dev sane-utils
)

command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: see README for other systems

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Cài các gói hệ thống còn thiếu: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Thiếu các gói hệ thống: ${missing[*]}" >&2
  echo "Cài bằng: sudo apt-get install ${missing[*]}" >&2
fi
