#!/bin/sh
# systemctl for tests/install/install.test.ts's install as root, where the container has no systemd
# (a stand-in, and the last resort: it says what systemd would be asked and does the part of it the
# test can check). Every call is appended to $FAKE_SYSTEMD/calls. start, restart, stop, is-active and
# disable --now act on qms-hub.service as systemd would run it: the unit's User, its Environment and
# EnvironmentFile and its ExecStart, in the background (not enforced: the sandboxing lines, Restart=, the journal).
# QMS_MDNS=0 is added: test hubs do not announce themselves on the LAN.
echo "$*" >>"$FAKE_SYSTEMD/calls"
unit_file=/etc/systemd/system/qms-hub.service
pidfile=$FAKE_SYSTEMD/qms-hub.pid

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
stop() {
  if running; then
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$pidfile"
}
start() {
  user=$(sed -n 's/^User=//p' "$unit_file")
  env_file=$(sed -n 's/^EnvironmentFile=//p' "$unit_file")
  environment=$(sed -n 's/^Environment=//p' "$unit_file")
  exec_start=$(sed -n 's/^ExecStart=//p' "$unit_file")
  # shellcheck disable=SC2046,SC2086 # the environment's lines and the command line are words, as systemd splits them
  setsid setpriv --reuid="$user" --regid="$user" --init-groups env QMS_MDNS=0 $environment $(grep -v '^#' "$env_file" | grep '=') $exec_start >>"$FAKE_SYSTEMD/hub.log" 2>&1 &
  echo $! >"$pidfile"
}

hub_unit() { case "$1" in qms-hub | qms-hub.service) return 0 ;; *) return 1 ;; esac; }
case "$1" in
  is-active)
    [ "$2" = --quiet ] && shift
    hub_unit "$2" && running
    exit
    ;;
  start | restart)
    hub_unit "$2" || exit 0
    stop
    start
    ;;
  stop) hub_unit "$2" && stop ;;
  disable) [ "$2" = --now ] && hub_unit "$3" && stop ;;
esac
exit 0
