#!/bin/sh
# The deb's post-remove script for a station app (electron-builder.yml's deb.afterRemove). Keeps /etc/qms.
set -e
rm -f "/usr/bin/${executable}" "/etc/xdg/autostart/${executable}.desktop"
