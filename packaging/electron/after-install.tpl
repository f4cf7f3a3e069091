#!/bin/sh
# The deb's post-install script for a station app (electron-builder.yml's deb.afterInstall; electron-builder
# fills in ${executable} and ${sanitizedProductName}). Not run here: see electron-builder.yml.
set -e
ln -sf "/opt/${sanitizedProductName}/${executable}" "/usr/bin/${executable}"
# Autostart: the app starts with every graphical session (the device's user logs in automatically).
mkdir -p /etc/xdg/autostart
cp "/usr/share/applications/${executable}.desktop" "/etc/xdg/autostart/${executable}.desktop"
# Its station folder (station.json, and credentials.json once paired), writable by the session's users.
kind=${executable#qms-}
mkdir -p "/etc/qms/$kind"
chmod 1777 "/etc/qms/$kind"
