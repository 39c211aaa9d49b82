#!/bin/sh
# The newest journal of a stage that an undo may act on (open, restoring or committed), for
# `provision rollback`; prints nothing when there is none. Arguments: JOURNAL_ROOT STAGE (two digits).
for d in "$1"/*/"$2"-*; do
    [ -d "$d" ] || continue
    case $(cat "$d/state" 2>/dev/null) in open|restoring|committed) echo "$d" ;; esac
done | sort | tail -n 1
