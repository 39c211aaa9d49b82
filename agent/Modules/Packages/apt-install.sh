#!/bin/sh
# apt-get install under a temporary policy-rc.d that refuses to start a stopped service. An admin's
# own policy-rc.d is left alone (and governs the install); ours is removed on any exit, including the
# SSH session dropping (HUP). Arguments: POLICY_PATH POLICY_TEXT MARKER NAME...
p=$1 policy=$2 marker=$3
shift 3
if [ ! -e "$p" ] || grep -qxF "$marker" "$p" 2>/dev/null; then
    trap 'rm -f "$p" "$p.provision"' EXIT
    trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM
    printf '%s\n' "$policy" > "$p.provision" && chmod 0755 "$p.provision" && mv -f "$p.provision" "$p" || exit 1
fi
env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold install -- "$@"
