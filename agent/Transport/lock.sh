#!/bin/sh
# The run lock: flock -n on LOCK, held by a cat that reads this exec channel's stdin. Closing stdin (or
# losing the connection) ends cat and frees the lock, so a killed controller never leaves it stale.
# Prints "locked", or "busy: OWNER-OF-THE-LOCK" and exits BUSY. Arguments: LOCK OWNER BUSY.
mkdir -p "$(dirname -- "$1")" || exit
# shellcheck disable=SC2016 # the inner script's own arguments
flock -n -E "$3" "$1" sh -c 'printf "%s\n" "$2" > "$1.owner"; echo locked; exec cat >/dev/null' sh "$1" "$2" || {
    rc=$?
    if [ "$rc" -eq "$3" ]; then echo "busy: $(cat "$1.owner" 2>/dev/null)"; fi
    exit "$rc"
}
