#!/bin/sh
# What the engine reads from a host at connect, one "key=value" line each (read-only).
# Arguments: facts the modules bring, as quadruples KIND NAME PROGRAM ARGS (ARGS: words separated by
# spaces); each whose program exists prints, for KIND version, "version=NAME FIRST-LINE-OF-ITS-OUTPUT",
# for KIND list, "list=NAME" and every word of its output on one line.
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
# The host's side of this connection (sshd's "CLIENT-IP CLIENT-PORT SERVER-IP SERVER-PORT").
echo "ssh_connection=${SSH_CONNECTION:-}"
ip -o addr show 2>/dev/null | while read -r _ name _ addr _; do echo "if=$name $addr"; done
set -f
while [ $# -ge 4 ]; do
    if command -v "$3" >/dev/null 2>&1; then
        # shellcheck disable=SC2086 # ARGS is a word list by design (globbing is off)
        case $1 in
            version) echo "version=$2 $("$3" $4 2>/dev/null | head -n 1)" ;;
            list) echo "list=$2 $("$3" $4 2>/dev/null | tr -s '[:space:]' ' ')" ;;
        esac
    fi
    shift 4
done
true
