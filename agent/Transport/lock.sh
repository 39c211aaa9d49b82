#!/bin/sh
# The run lock: one run (or rollback) changes a host at a time. Arguments: LOCK TOKEN CONTROLLER GRACE BUSY OWNER [BREAK]
#
# The lock belongs to a token, not to a connection. A holder process (this script, reading this exec
# channel's stdin) keeps LOCK.owner fresh while it runs; when the controller says "release" the lock
# is free at once, and when the connection ends without that (a network cut, a killed controller)
# the lease runs on for GRACE seconds, so the same run can reconnect and take it again with its
# token before any other run may. Taking the lock with the token that holds it replaces the old
# holder. BREAK names a token whose controller the caller has proven dead (same machine, process
# gone): its lease is not waited out.
#
# Prints "locked" and holds until stdin says "release" or ends; or prints one tab-separated line
#   busy|dropped TOKEN HOLDER-PID SECONDS-LEFT CONTROLLER OWNER
# (busy: a live holder; dropped: no holder, the lease still runs) and exits BUSY once its input ends.
# LOCK itself is only a mutex for these few lines (flock), never held while a run goes on.
set -u
L=$1 token=$2 controller=$3 grace=$4 busy=$5 owner=$6 brk=${7:-}

# Every way out frees the mutex, then reads stdin to its end: the controller's end of file must reach
# sshd while this channel is open (one that comes after sshd closed it drops the whole connection),
# and the controller opens its input stream only after this started, which must still be running.
leave() {
  exec 8>&-
  while read -r _; do :; done
  exit "$1"
}

mkdir -p "$(dirname -- "$L")" || leave 1

# A process's start time (clock ticks since boot): a pid alone may be reused. Field 22 of its stat;
# the holder is a shell, whose name has no spaces.
started() { cut -d' ' -f22 "/proc/$1/stat" 2>/dev/null; }
alive() { [ -n "$1" ] && [ -n "$2" ] && [ "$(started "$1")" = "$2" ]; }

exec 8>>"$L" || leave 1
flock 8 || leave 1
if [ -f "$L.owner" ]; then
  { read -r otoken; read -r opid; read -r ostart; read -r ograce; read -r ocontroller; IFS= read -r oowner; } < "$L.owner"
  left=$(( ${ograce:-0} - ($(date +%s) - $(stat -c %Y "$L.owner")) ))
  if [ "$otoken" != "$token" ] && [ "$otoken" != "$brk" ]; then
    if alive "$opid" "$ostart"; then
      printf 'busy\t%s\t%s\t\t%s\t%s\n' "$otoken" "$opid" "$ocontroller" "$oowner"
      leave "$busy"
    fi
    if [ "$left" -gt 0 ]; then
      printf 'dropped\t%s\t\t%s\t%s\t%s\n' "$otoken" "$left" "$ocontroller" "$oowner"
      leave "$busy"
    fi
  fi
  # Ours again after a reconnect, or given up: a holder left on a connection the host has not yet
  # noticed is dead goes.
  if alive "$opid" "$ostart"; then kill "$opid" 2>/dev/null; fi
fi
if ! { printf '%s\n%s\n%s\n%s\n%s\n%s\n' "$token" "$$" "$(started $$)" "$grace" "$controller" "$owner" > "$L.owner.new" &&
  mv -f "$L.owner.new" "$L.owner"; }; then
  leave 1
fi
exec 8>&-
echo locked

# The lease lasts GRACE seconds past the holder's last sign of life.
( while kill -0 $$ 2>/dev/null; do touch "$L.owner" 2>/dev/null; sleep 2; done ) </dev/null >/dev/null 2>&1 &
beat=$!
while IFS= read -r line; do
  [ "$line" = release ] || continue
  exec 8>>"$L" && flock 8
  if [ "$(sed -n 1p "$L.owner" 2>/dev/null)" = "$token" ] && [ "$(sed -n 2p "$L.owner" 2>/dev/null)" = "$$" ]; then rm -f "$L.owner"; fi
  break
done
kill "$beat" 2>/dev/null
leave 0
