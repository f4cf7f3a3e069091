#!/usr/bin/env bash
# The Debian packages the tests use: socat (pseudo-terminal serial pairs), chromium (renderers,
# driven by playwright-core), sox with Ogg support (voice clips), poppler-utils (pdftotext reads
# back the application receipt's PDF). Installs the missing ones with
# apt-get (through sudo when not root); elsewhere says what to install.
set -euo pipefail

missing=()
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if ! command -v sox >/dev/null 2>&1 || ! sox -h 2>/dev/null | grep -q vorbis; then missing+=(sox libsox-fmt-all); fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "test prerequisites: all present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "please install: ${missing[*]} (Debian package names), then run the tests again" >&2
  exit 1
fi
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "installing: ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
