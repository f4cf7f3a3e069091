#!/bin/sh
# qms: the hub and its technician commands, run by this bundle's own Node (bundle/node/bin/node).
# Installed, PREFIX/bin/qms reads /etc/qms/hub.env (the data folder, the port) and runs this file.
here=$(dirname "$(readlink -f "$0")")/..
script=$here/lib/node_modules/@qms/hub/bin/qms.js
# Node's flags are the ones on the script's "#!/usr/bin/env -S node FLAGS" line: one place for them.
flags=$(sed -n '1s/^#!.*env -S node//p' "$script")
# shellcheck disable=SC2086 # the flags are words
exec "$here/node/bin/node" $flags "$script" "$@"
