#!/bin/sh
# Finds the message carrying a probe's unique token in each Maildir and, once every Maildir has it,
# deletes exactly the files that carry it: a probe never touches any other message, nor moves one
# from new/ to cur/.
#   maildir-take.sh TOKEN MAILDIR...
# Prints "found DIR" or "missing DIR" per Maildir; exits 0 when every one had the message.
# shellcheck shell=sh
set -u
token=${1:?token}
shift
missing=0
for d in "$@"; do
  if [ -n "$(grep -rlF -- "$token" "$d/new" "$d/cur" 2>/dev/null | head -n 1)" ]; then
    echo "found $d"
  else
    echo "missing $d"
    missing=1
  fi
done
[ "$missing" -eq 0 ] || exit 1
for d in "$@"; do
  grep -rlZF -- "$token" "$d/new" "$d/cur" 2>/dev/null | xargs -0 -r rm -f --
done
