#!/bin/sh
# Reads a systemd unit for the service module: its LoadState, active and enabled states; for a unit
# not installed yet also every preset file (after "@@ presets", each after "::file PATH"), so check
# mode can tell how the unit will start out. Argument: UNIT.
s=$(systemctl show -p LoadState --value -- "$1") || exit
echo "$s"
systemctl is-active -- "$1"
systemctl is-enabled -- "$1" 2>/dev/null
if [ "$s" = not-found ]; then
    echo '@@ presets'
    for f in /etc/systemd/system-preset/*.preset /run/systemd/system-preset/*.preset \
             /usr/local/lib/systemd/system-preset/*.preset /usr/lib/systemd/system-preset/*.preset; do
        if [ -e "$f" ]; then echo "::file $f"; cat -- "$f"; echo; fi
    done
fi
true
