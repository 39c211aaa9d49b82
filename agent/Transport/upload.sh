#!/bin/sh
# Lands an upload atomically: content on stdin goes to a fresh temp file beside the destination (same
# filesystem, so the final mv is an atomic rename), gets its owner, mode and SELinux label, then
# replaces the destination. Readers never see a half-written file or one with the wrong mode; the
# EXIT trap removes the temp file on any failure. Unset owner, group or mode are kept from the file
# replaced (a new file gets the login user and 0644): replacing a 0600 secret with a world-readable
# copy because the task did not repeat the mode would be a leak.
# Arguments: DEST TEMP_TEMPLATE MODE OWNER GROUP (empty: keep).
set -e
d=$1 mode=$3 owner=$4 group=$5
t=$(mktemp "$2")
trap 'rm -f "$t"' EXIT
cat > "$t"
if [ -e "$d" ]; then chown --reference="$d" "$t"; chmod --reference="$d" "$t"; else chmod 0644 "$t"; fi
if [ -n "$owner" ] && [ -n "$group" ]; then chown -- "$owner:$group" "$t"
elif [ -n "$owner" ]; then chown -- "$owner" "$t"
elif [ -n "$group" ]; then chgrp -- "$group" "$t"; fi
if [ -n "$mode" ]; then chmod -- "$mode" "$t"; fi
selinux() { command -v selinuxenabled >/dev/null 2>&1 && selinuxenabled; }
if selinux && [ -e "$d" ]; then chcon --reference="$d" "$t"; fi
# -T: never move *into* the destination if it turns out to be a directory.
mv -f -T "$t" "$d"
if selinux; then restorecon "$d"; fi
