#!/bin/sh
# qms-station: a station device's command (kiosk, counter, display, device tests), run by this
# bundle's own Node (bundle/node/bin/node).
here=$(dirname "$(readlink -f "$0")")/..
script=$here/lib/node_modules/@qms/station-cli/bin/qms-station.js
# Node's flags are the ones on the script's "#!/usr/bin/env -S node FLAGS" line: one place for them.
flags=$(sed -n '1s/^#!.*env -S node//p' "$script")
# shellcheck disable=SC2086 # the flags are words
exec "$here/node/bin/node" $flags "$script" "$@"
