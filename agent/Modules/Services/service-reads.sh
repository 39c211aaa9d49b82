#!/bin/sh
# Reads several units as service-read.sh reads each one, with one `systemctl show` and one
# `systemctl is-active` for all of them instead of one each (is-enabled stays one call per unit: with
# several units it prints SysV services first, and systemd before 254 stops at a missing one).
# ServiceReads puts each unit's answer together from the sections, exactly as service-read.sh prints it.
# Arguments: UNIT... Prints "@@ load" (each unit's LoadState, blank lines between them, as systemctl
# show prints several), "@@ active" (a line each), "@@ enabled N" (the Nth unit's is-enabled), and
# "@@ presets" (service-read.sh's listing) once when a unit is not-found.
load=$(systemctl show -p LoadState --value -- "$@") || exit
echo '@@ load'; printf '%s\n' "$load"
echo '@@ active'; systemctl is-active -- "$@"
i=0
for u in "$@"; do
    echo "@@ enabled $i"; systemctl is-enabled -- "$u" 2>/dev/null
    i=$((i + 1))
done
nl='
'
case "$nl$load$nl" in
    *"${nl}not-found$nl"*)
        echo '@@ presets'
        for f in /etc/systemd/system-preset/*.preset /run/systemd/system-preset/*.preset \
                 /usr/local/lib/systemd/system-preset/*.preset /usr/lib/systemd/system-preset/*.preset; do
            if [ -e "$f" ]; then echo "::file $f"; cat -- "$f"; echo; fi
        done ;;
esac
true
