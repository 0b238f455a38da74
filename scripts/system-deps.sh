#!/usr/bin/env bash
# Installs the Debian packages Tandau needs when they are missing.
set -euo pipefail
missing=()
ldconfig -p | grep -q 'libsodium\.so\.23' || missing+=(libsodium23)
# The browser tests drive Debian's Chromium; PDFs embed DejaVu (Cyrillic and Kazakh letters).
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${missing[*]} (run as root or install them)" >&2
    exit 1
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
