#!/bin/sh
# install.sh: installs this bundle (the hub, or a station device) — or upgrades an installed one.
# The same script is in both bundles; it knows which it is by its command (bin/qms or bin/qms-station).
# Run ./install.sh --help for the options and the paths. Idempotent: running it twice changes nothing.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
VERSION=$(cat "$here/VERSION")
if [ -x "$here/bin/qms" ]; then KIND=hub; COMMAND=qms; else KIND=station; COMMAND=qms-station; fi

usage() {
  cat <<EOF
install.sh: install the QMS $KIND $VERSION (or upgrade an installed one to it)

usage: sudo ./install.sh [options]

  --prefix DIR     install under DIR instead of /opt/qms; the data then goes to DIR/data and the
                   configuration to DIR/etc (instead of /var/lib/qms and /etc/qms)
  --no-systemd     install no systemd unit and create no user: the units are only written to
                   PREFIX/systemd/ to look at, and you start the commands yourself (tests, trials)
EOF
  if [ "$KIND" = hub ]; then
    cat <<EOF
  --port N         the hub's HTTP port, written to CONF/hub.env on a first install (default 8080)
EOF
  else
    cat <<EOF
  --station KIND   set up this device as a station: kiosk, counter or display (may be repeated);
                   its agent runs as qms-station@KIND and its screen as the user unit qms-screen@KIND
  --hub URL        the hub's address, e.g. http://192.168.1.10:8080 (written to CONF/KIND.env;
                   without it the station uses the hubUrl of CONF/KIND/station.json)
EOF
  fi
  cat <<EOF
  -h, --help       this help

What goes where (PREFIX = /opt/qms, DATA = /var/lib/qms, CONF = /etc/qms; see --prefix):
  PREFIX/versions/VERSION   this bundle, one folder per version; PREFIX/current points at the one in use,
                            PREFIX/previous at the one before the last upgrade (older ones are removed)
  PREFIX/bin/$COMMAND$( [ "$KIND" = hub ] && printf '           ' || printf '   ' )the command, on the bundle's own Node 24
EOF
  if [ "$KIND" = hub ]; then
    cat <<EOF
  DATA                      the hub's database (qms.db), its backups (DATA/backups), the first admin password
  CONF/hub.env              QMS_DATA_DIR, QMS_PORT, QMS_HOST, QMS_TZ ... (read by the service and by PREFIX/bin/qms)
  units                     qms-hub.service (system), as user qms

Upgrading: run the newer bundle's install.sh. It stops the hub, backs the database up into
DATA/backups (online backup, with the installed version's qms backup), migrates it with the new
version (on a copy: a migration that fails leaves the database untouched and the old version current),
switches PREFIX/current and starts the hub. PREFIX/bin/qms rollback goes back to the previous
version and the backup made before the upgrade.
EOF
  else
    cat <<EOF
  CONF/KIND/                the station's folder: station.json (settings) and credentials.json (once paired)
  CONF/KIND.env             QMS_STATION_PORT (8090 kiosk, 8091 counter, 8092 display), QMS_HUB_URL
  units                     qms-station@KIND.service (system, as user qms) and qms-screen@KIND.service
                            (user unit: Chromium in kiosk mode, in the graphical session of the device's user)
EOF
  fi
}

die() {
  printf 'install.sh: %s\n' "$*" >&2
  exit 1
}
say() { printf '%s\n' "$*"; }

PREFIX=/opt/qms
custom_prefix=no
SYSTEMD=yes
PORT=8080
HUB_URL=
STATIONS=
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix)
      [ $# -ge 2 ] || die "--prefix needs a folder"
      PREFIX=$2; custom_prefix=yes; shift 2 ;;
    --prefix=*) PREFIX=${1#*=}; custom_prefix=yes; shift ;;
    --no-systemd) SYSTEMD=no; shift ;;
    --port)
      [ "$KIND" = hub ] || die "--port is for the hub bundle (a station's port is in CONF/KIND.env)"
      [ $# -ge 2 ] || die "--port needs a number"
      PORT=$2; shift 2 ;;
    --hub)
      [ "$KIND" = station ] || die "--hub is for the station bundle"
      [ $# -ge 2 ] || die "--hub needs the hub's URL, e.g. http://192.168.1.10:8080"
      HUB_URL=$2; shift 2 ;;
    --station)
      [ "$KIND" = station ] || die "--station is for the station bundle"
      [ $# -ge 2 ] || die "--station needs kiosk, counter or display"
      case "$2" in kiosk | counter | display) ;; *) die "--station must be kiosk, counter or display, not \"$2\"" ;; esac
      STATIONS="$STATIONS $2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option \"$1\" (see ./install.sh --help)" ;;
  esac
done
case "$PORT" in '' | *[!0-9]*) die "--port must be a number from 1 to 65535, not \"$PORT\"" ;; esac
[ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || die "--port must be a number from 1 to 65535, not \"$PORT\""
case "$HUB_URL" in '' | http://* | https://*) ;; *) die "--hub must be the hub's URL such as http://192.168.1.10:8080, not \"$HUB_URL\"" ;; esac
case "$PREFIX" in /*) ;; *) PREFIX=$(pwd)/$PREFIX ;; esac
# upgrade.json and the units carry these paths: keep them plain.
case "$PREFIX" in *[\"\\\ \$\`]*) die "--prefix must not contain spaces, quotes, \\, \$ or \`: \"$PREFIX\"" ;; esac
PREFIX=${PREFIX%/}

if [ "$custom_prefix" = yes ]; then
  DATA=$PREFIX/data
  CONF=$PREFIX/etc
else
  DATA=/var/lib/qms
  CONF=/etc/qms
fi
is_root=no
[ "$(id -u)" -eq 0 ] && is_root=yes
if [ "$SYSTEMD" = yes ] && [ "$is_root" = no ]; then
  die "run it as root (sudo ./install.sh) to install the services, or pass --no-systemd --prefix DIR to install for this user only"
fi
if [ "$SYSTEMD" = yes ] && ! command -v systemctl >/dev/null 2>&1; then
  die "systemctl not found: this machine has no systemd; pass --no-systemd and start $COMMAND yourself"
fi

# The user the services run as: qms, a system user without a login (created here); with
# --no-systemd, or when not root, whoever runs this script.
RUN_AS=$(id -un)
if [ "$SYSTEMD" = yes ]; then
  RUN_AS=qms
  if ! id qms >/dev/null 2>&1; then
    useradd --system --user-group --home-dir "$DATA" --no-create-home --shell /usr/sbin/nologin --comment "QMS services" qms
    say "created the system user qms"
  fi
  if [ "$KIND" = station ]; then
    for group in dialout lp; do getent group "$group" >/dev/null 2>&1 && usermod -a -G "$group" qms; done
  fi
fi

# Runs a command as the services' user (files it creates in DATA belong to that user).
as_service_user() {
  if [ "$is_root" = yes ] && [ "$RUN_AS" != root ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u "$RUN_AS" -- "$@"; else su -s /bin/sh "$RUN_AS" -c '"$0" "$@"' -- "$@"; fi
  else
    "$@"
  fi
}
own() { [ "$is_root" = yes ] && chown "$RUN_AS:$RUN_AS" "$@" || true; }

# A symlink made beside its place and renamed over it: never missing, even for a moment.
swap_link() {
  ln -sfn "$1" "$2.new"
  mv -T "$2.new" "$2"
}

service_active() { [ "$SYSTEMD" = yes ] && systemctl is-active --quiet "$1"; }

# 1. This version's files, in PREFIX/versions/VERSION (copied whole, then renamed into place).
mkdir -p "$PREFIX/versions" "$PREFIX/bin"
# Readable by the services' user whatever root's umask (a hardened 027 would lock qms out).
chmod 755 "$PREFIX" "$PREFIX/versions" "$PREFIX/bin"
target=$PREFIX/versions/$VERSION
fresh_copy=no
if [ -d "$target" ]; then
  say "$KIND $VERSION is already in $target"
else
  fresh_copy=yes
  rm -rf "$target.partial"
  cp -a "$here" "$target.partial"
  mv "$target.partial" "$target"
  say "installed the $KIND $VERSION into $target"
fi
previous=
if [ -L "$PREFIX/current" ]; then previous=$(basename "$(readlink "$PREFIX/current")"); fi
[ -n "$previous" ] && [ ! -d "$PREFIX/versions/$previous" ] && previous=

# 2. Configuration, data, and (hub) the upgrade of the database.
mkdir -p "$CONF"
if [ "$KIND" = hub ]; then
  mkdir -p "$DATA"
  chmod 750 "$DATA"
  own "$DATA"
  if [ ! -f "$CONF/hub.env" ]; then
    cat >"$CONF/hub.env" <<EOF
# The hub's settings (environment of qms-hub.service and of $PREFIX/bin/qms). More: hub.json in
# QMS_DATA_DIR, and the README's configuration section. Restart the hub after a change.
QMS_DATA_DIR=$DATA
QMS_PORT=$PORT
QMS_HOST=0.0.0.0
QMS_TZ=Asia/Ho_Chi_Minh
QMS_LOG_LEVEL=info
EOF
    say "wrote $CONF/hub.env"
  else
    say "kept $CONF/hub.env as it is"
  fi
  cat >"$PREFIX/bin/qms.new" <<EOF
#!/bin/sh
# qms: the installed hub's command (written by install.sh): the settings of $CONF/hub.env (a
# variable already set in the environment wins, as for the hub), then the current version's qms
# on its own Node.
while IFS= read -r line || [ -n "\$line" ]; do
  case "\$line" in [A-Z_]*=*) ;; *) continue ;; esac
  key=\${line%%=*}
  case "\$key" in *[!A-Z0-9_]*) continue ;; esac
  eval "[ -n \"\\\${\$key+set}\" ]" || export "\$line"
done <"$CONF/hub.env"
exec "$PREFIX/current/bin/qms" "\$@"
EOF
  chmod 755 "$PREFIX/bin/qms.new"
  mv "$PREFIX/bin/qms.new" "$PREFIX/bin/qms"

  if [ -n "$previous" ] && [ "$previous" != "$VERSION" ] && [ -f "$DATA/qms.db" ]; then
    say "upgrading the hub from $previous to $VERSION"
    was_running=no
    if service_active qms-hub; then
      was_running=yes
      systemctl stop qms-hub
      say "stopped qms-hub"
    elif [ -f "$DATA/hub.pid" ] && kill -0 "$(cat "$DATA/hub.pid")" 2>/dev/null; then
      die "the hub (pid $(cat "$DATA/hub.pid")) is running on $DATA; stop it, then run install.sh again (nothing was changed: $previous stays current)"
    fi
    # On failure: the new version's folder goes (if this run put it there), the old hub starts again.
    restart_old() {
      if [ "$fresh_copy" = yes ]; then rm -rf "$target"; fi
      if [ "$was_running" = yes ]; then systemctl start qms-hub && say "started qms-hub $previous again"; fi
    }
    mkdir -p "$DATA/backups"
    own "$DATA/backups"
    stamp=$(date -u +%Y%m%d-%H%M%S)
    backup=$DATA/backups/before-upgrade-$previous-to-$VERSION-$stamp.sqlite
    # The installed version backs up its own database (SQLite's online backup, as qms backup does).
    if ! as_service_user "$PREFIX/versions/$previous/bin/qms" backup "$backup" --data "$DATA"; then
      restart_old
      die "the backup before the upgrade failed (see above); nothing was changed: $previous stays current"
    fi
    # The new version migrates it, all or nothing (on a copy that replaces the database only once migrated).
    if ! as_service_user "$target/bin/qms" migrate --data "$DATA"; then
      restart_old
      die "the new version could not migrate the database (see above): the database is untouched and $previous stays current; the backup is $backup"
    fi
    cat >"$DATA/upgrade.json" <<EOF
{"previous": "$previous", "version": "$VERSION", "prefix": "$PREFIX", "backup": "$backup", "at": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"}
EOF
    own "$DATA/upgrade.json"
    swap_link "versions/$previous" "$PREFIX/previous"
  fi
else
  for station in $STATIONS; do
    case "$station" in kiosk) port=8090 ;; counter) port=8091 ;; display) port=8092 ;; esac
    mkdir -p "$CONF/$station"
    chmod 750 "$CONF/$station"
    own "$CONF/$station"
    if [ ! -f "$CONF/$station.env" ]; then
      {
        say "# The $station station (qms-station@$station, qms-screen@$station), written by install.sh."
        say "QMS_STATION_PORT=$port"
        [ -n "$HUB_URL" ] && say "QMS_HUB_URL=$HUB_URL"
        say "QMS_LOG_LEVEL=info"
      } >"$CONF/$station.env"
      say "wrote $CONF/$station.env"
    else
      say "kept $CONF/$station.env as it is"
    fi
  done
  ln -sfn "../current/bin/qms-station" "$PREFIX/bin/qms-station.new"
  mv -T "$PREFIX/bin/qms-station.new" "$PREFIX/bin/qms-station"
  if [ -n "$previous" ] && [ "$previous" != "$VERSION" ]; then swap_link "versions/$previous" "$PREFIX/previous"; fi
fi

# 3. This version becomes the current one; versions other than it and the previous one go.
swap_link "versions/$VERSION" "$PREFIX/current"
kept_previous=
[ -L "$PREFIX/previous" ] && kept_previous=$(basename "$(readlink "$PREFIX/previous")")
for dir in "$PREFIX"/versions/*; do
  [ -d "$dir" ] || continue
  name=$(basename "$dir")
  if [ "$name" != "$VERSION" ] && [ "$name" != "$kept_previous" ]; then rm -rf "$dir" && say "removed the old version $name"; fi
done

# 4. The systemd units: written to PREFIX/systemd always, installed and enabled unless --no-systemd.
mkdir -p "$PREFIX/systemd"
render() {
  sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@DATA@|$DATA|g" -e "s|@CONF@|$CONF|g" -e "s|@USER@|$RUN_AS|g" "$here/systemd/$1" >"$2"
}
if [ "$KIND" = hub ]; then units="qms-hub.service"; else units="qms-station@.service qms-screen@.service"; fi
for unit in $units; do render "$unit" "$PREFIX/systemd/$unit"; done
if [ "$SYSTEMD" = yes ]; then
  if [ "$KIND" = hub ]; then
    cp "$PREFIX/systemd/qms-hub.service" /etc/systemd/system/qms-hub.service
    systemctl daemon-reload
    systemctl enable qms-hub.service >/dev/null 2>&1
    systemctl restart qms-hub.service
    say "qms-hub is enabled and (re)started (journalctl -u qms-hub)"
  else
    mkdir -p /etc/systemd/user
    cp "$PREFIX/systemd/qms-station@.service" /etc/systemd/system/
    cp "$PREFIX/systemd/qms-screen@.service" /etc/systemd/user/
    systemctl daemon-reload
    for station in $STATIONS; do
      systemctl enable "qms-station@$station.service" >/dev/null 2>&1
      systemctl restart "qms-station@$station.service"
      systemctl --global enable "qms-screen@$station.service" >/dev/null 2>&1
      say "qms-station@$station is enabled and (re)started; qms-screen@$station starts with the graphical session"
    done
  fi
fi

# 5. What to do next.
say ""
say "The QMS $KIND $VERSION is installed in $PREFIX (command: $PREFIX/bin/$COMMAND)."
if [ "$KIND" = hub ]; then
  address=$(hostname -I 2>/dev/null | awk '{print $1}')
  port=$(sed -n 's/^QMS_PORT=//p' "$CONF/hub.env" | tail -n 1)
  password_file=$DATA/initial-admin-password
  if [ "$SYSTEMD" = yes ]; then
    tries=0
    while [ ! -f "$password_file" ] && [ ! -f "$DATA/qms.db" ] && [ $tries -lt 30 ]; do sleep 1; tries=$((tries + 1)); done
    sleep 1
  else
    say "Start the hub: $PREFIX/bin/qms hub   (it prints the console's address and the admin password)"
  fi
  say "Console: http://${address:-THIS-MACHINE}:${port:-8080}/console/"
  if [ -f "$password_file" ]; then
    say "Sign in as admin, password $(cat "$password_file") (kept in $password_file until you change it)"
  elif [ -f "$DATA/qms.db" ]; then
    say "Sign in as admin with the password you set (forgotten? $PREFIX/bin/qms users passwd admin)"
  else
    say "Sign in as admin with the password the hub prints at its first start (kept in $password_file)"
  fi
  say "Pair a station: it shows a six-digit code; here run $PREFIX/bin/qms devices approve CODE"
  if [ -f "$DATA/upgrade.json" ] && [ -L "$PREFIX/previous" ]; then
    say "Go back to $(basename "$(readlink "$PREFIX/previous")") if need be: stop the hub, then $PREFIX/bin/qms rollback"
  fi
else
  if [ -z "$STATIONS" ]; then
    say "Set this device up as a station: ./install.sh --station kiosk|counter|display --hub http://HUB:8080"
  fi
  for station in $STATIONS; do
    if [ "$SYSTEMD" = yes ]; then
      say "$station: the screen shows a pairing code (also: journalctl -u qms-station@$station | grep 'pairing code')"
    else
      say "$station: start it with $PREFIX/bin/qms-station $station --config $CONF/$station --hub ${HUB_URL:-http://HUB:8080}; it prints 'pairing code: CODE'"
    fi
  done
  if [ -n "$STATIONS" ]; then say "On the hub machine, approve it: qms devices approve CODE (a counter: --counter N)"; fi
fi
