#!/bin/sh
# qms-station: a station device's command (kiosk, counter, display, device tests), run by this
# bundle's own Node (bundle/node/bin/node).
here=$(dirname "$(readlink -f "$0")")/..
exec "$here/node/bin/node" "$here/lib/node_modules/@qms/station-cli/bin/qms-station.js" "$@"
