#!/bin/sh
# uninstall.sh: removes what install.sh installed (same options), keeping the data and the
# configuration unless --purge. Run ./uninstall.sh --help.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ -x "$here/bin/qms" ]; then KIND=hub; else KIND=station; fi

die() {
  printf 'uninstall.sh: %s\n' "$*" >&2
  exit 1
}

usage() {
  cat <<EOF
uninstall.sh: remove the QMS $KIND installed by install.sh

usage: sudo ./uninstall.sh [--prefix DIR] [--no-systemd] [--purge]

  --prefix DIR   the prefix given to install.sh (default /opt/qms)
  --no-systemd   it was installed with --no-systemd: no unit to stop or remove
  --purge        also delete the data (the hub's database and its backups!), the configuration
                 and the qms user; without it they stay for a later install
EOF
}

PREFIX=/opt/qms
custom_prefix=no
SYSTEMD=yes
PURGE=no
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix)
      [ $# -ge 2 ] || die "--prefix needs a folder"
      PREFIX=$2; custom_prefix=yes; shift 2 ;;
    --prefix=*) PREFIX=${1#*=}; custom_prefix=yes; shift ;;
    --no-systemd) SYSTEMD=no; shift ;;
    --purge) PURGE=yes; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option \"$1\" (see ./uninstall.sh --help)" ;;
  esac
done
case "$PREFIX" in /*) ;; *) PREFIX=$(pwd)/$PREFIX ;; esac
PREFIX=${PREFIX%/}
if [ "$custom_prefix" = yes ]; then
  DATA=$PREFIX/data
  CONF=$PREFIX/etc
else
  DATA=/var/lib/qms
  CONF=/etc/qms
fi
[ -d "$PREFIX/versions" ] || die "nothing installed in $PREFIX (no $PREFIX/versions)"
if [ "$SYSTEMD" = yes ]; then
  [ "$(id -u)" -eq 0 ] || die "run it as root (sudo ./uninstall.sh), or pass --no-systemd"
  if [ "$KIND" = hub ]; then
    systemctl disable --now qms-hub.service >/dev/null 2>&1 || true
    rm -f /etc/systemd/system/qms-hub.service
  else
    for kind in kiosk counter display; do
      systemctl disable --now "qms-station@$kind.service" >/dev/null 2>&1 || true
      systemctl --global disable "qms-screen@$kind.service" >/dev/null 2>&1 || true
    done
    rm -f /etc/systemd/system/qms-station@.service /etc/systemd/user/qms-screen@.service
  fi
  systemctl daemon-reload
fi
rm -rf "$PREFIX/versions" "$PREFIX/current" "$PREFIX/previous" "$PREFIX/systemd" "$PREFIX/bin/qms" "$PREFIX/bin/qms-station"
rmdir "$PREFIX/bin" 2>/dev/null || true
echo "removed the QMS $KIND from $PREFIX"
if [ "$PURGE" = yes ]; then
  rm -rf "$DATA" "$CONF"
  if [ "$SYSTEMD" = yes ] && id qms >/dev/null 2>&1; then userdel qms; fi
  echo "purged $DATA and $CONF"
else
  echo "kept the data in $DATA and the configuration in $CONF (remove them with --purge)"
fi
rmdir "$PREFIX" 2>/dev/null || true
