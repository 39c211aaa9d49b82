#!/bin/sh
# What the engine reads from a host at connect, one "key=value" line each (read-only).
# Arguments: version facts as triples NAME PROGRAM ARGS (ARGS: words separated by spaces); each whose
# program exists prints "version=NAME FIRST-LINE-OF-ITS-OUTPUT".
# shellcheck source=/dev/null
. /etc/os-release 2>/dev/null
echo "os_id=${ID:-}"
echo "os_version=${VERSION_ID:-}"
echo "os_like=${ID_LIKE:-}"
echo "os_pretty=${PRETTY_NAME:-}"
echo "systemd=$(systemctl --version 2>/dev/null | sed -n '1s/^systemd \([0-9]*\).*/\1/p')"
echo "selinux=$(getenforce 2>/dev/null | tr '[:upper:]' '[:lower:]')"
echo "hostname=$(hostname -f 2>/dev/null || hostname)"
echo "user=$(id -un)"
ip -o addr show 2>/dev/null | while read -r _ name _ addr _; do echo "if=$name $addr"; done
set -f
while [ $# -ge 3 ]; do
    if command -v "$2" >/dev/null 2>&1; then
        # shellcheck disable=SC2086 # ARGS is a word list by design (globbing is off)
        echo "version=$1 $("$2" $3 2>/dev/null | head -n 1)"
    fi
    shift 3
done
true
