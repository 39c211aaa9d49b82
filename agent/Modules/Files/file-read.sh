#!/bin/sh
# Reads one path for the file modules in one round trip: its kind; "mode owner group size uid gid";
# then a link's target or, when asked, a regular file's content as base64 — or, for a file over
# MAX_BYTES, its SHA-256 as "sha256:HEX" (compared instead of the content).
# Arguments: PATH WITH_CONTENT (1 or 0) MAX_BYTES.
p=$1
attributes() { stat -c '%a %U %G %s %u %g' -- "$p"; }
if [ -L "$p" ]; then
    echo link; attributes; readlink -- "$p"
elif [ -d "$p" ]; then
    echo directory; attributes; echo
elif [ -f "$p" ]; then
    echo file; attributes
    if [ "$2" = 1 ]; then
        if [ "$(stat -c %s -- "$p")" -le "$3" ]; then base64 -w0 -- "$p"
        else printf 'sha256:%s' "$(sha256sum -- "$p" | cut -c1-64)"; fi
    fi
    echo
elif [ -e "$p" ]; then
    echo other; attributes; echo
else
    echo absent
fi
