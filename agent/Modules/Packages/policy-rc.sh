#!/bin/sh
# provision: temporary policy, removed when the install ends
# invoke-rc.d's policy during a provision apt install: never bring a stopped service up (the playbook
# starts what it configured); restarts of running services (an upgrade) are allowed. Called as
# policy-rc.d [--options] UNIT "ACTIONS"; exit 101 forbids.
while [ "${1#--}" != "$1" ]; do shift; done
for a in $2; do
    case "$a" in
        start) exit 101 ;;
        restart|try-restart|reload|force-reload) systemctl is-active --quiet "$1" || exit 101 ;;
    esac
done
exit 0
