#!/bin/sh
# qms: the hub and its technician commands, run by this bundle's own Node (bundle/node/bin/node).
# Installed, PREFIX/bin/qms reads /etc/qms/hub.env (the data folder, the port) and runs this file.
here=$(dirname "$(readlink -f "$0")")/..
# --max-semi-space-size=4: as apps/hub/bin/qms.js's shebang (a smaller young generation under bursts).
exec "$here/node/bin/node" --max-semi-space-size=4 "$here/lib/node_modules/@qms/hub/bin/qms.js" "$@"
