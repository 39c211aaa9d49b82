#!/bin/sh
# A stage journal on a managed host: records what a stage is about to touch, and undoes the stage
# from that record alone. A copy of this script lives in every journal directory, so the host can
# undo a stage without the controller (the firewall guard timer, a later run's recovery) with the
# very code that recorded it.
#
#   journal.sh label   J PLAY STAGE PLAYNAME STAGENAME OWNER   what the journal is of, and the run that owns it
#   journal.sh volatile J PATH...         paths the stage's probes write into: no digest looks at them
#   journal.sh record  J [KIND N ARG]...  record entries (KIND: path newpath unit packages packages-keep firewalld nmconnection)
#   journal.sh names   J N NAME...        the packages a task names (entry N): the undo takes them back to their versions
#   journal.sh begin   J N...             the task about to run touches entries N... (its changes are expected)
#   journal.sh end     J [all|touched]    the task finished: remember the state the stage has left so far
#                                         (touched: it changed only its own entries; read those again)
#   journal.sh arm     J UNIT SECONDS     (re)start the guard timer: undo the stage unless disarmed in time
#   journal.sh disarm  J                  stop the guard timers; prints the journal's state
#   journal.sh before  J PATH DEST        a copy of PATH as it was before the stage, at DEST ("absent": it was not there)
#   journal.sh commit  J                  the stage is verified: open -> committed
#   journal.sh compare J                  what changed on the host since the stage's last finished task
#   journal.sh restore J MODE             undo the stage; MODE guard|rollback|recover|force
#   journal.sh discard J                  leave the host as it is: open -> discarded
#   journal.sh list    ROOT               every journal under ROOT, newest first: STATE ID PLAY STAGE PLAYNAME STAGENAME (tab-separated)
#   journal.sh prune ROOT                 keep the newest runs' journals
#
# States: open -> committed | restoring -> rolled-back | incomplete | discarded. An undo that could
# not put everything back leaves the journal incomplete (listing what is missing in "incomplete");
# it can be run again. Every change of state happens under the journal's lock, so a guard timer and
# a controller never both act on one journal.
# Exit codes: 0 done; 1 the undo was incomplete; 3 no journal; 10 the journal is not in a state this
# operation acts on (its state is printed); 11 the host changed since the stage's last finished task.
# Entries live one per directory (entries/N/), each value in a file of its own, so no path can be
# mistaken for a separator.
# shellcheck shell=sh
set -u
umask 077
LC_ALL=C
export LC_ALL
TAB=$(printf '\t')
NL='
'

op=${1:?operation}
J=${2:?journal directory}
shift 2

say() { printf '%s\n' "$*"; }
fail() { printf 'journal: %s\n' "$*" >&2; exit "${2:-1}"; }

# The exact content of a file (command substitution would drop trailing newlines).
readf() { v=$(cat -- "$1"; echo x); printf '%s' "${v%x}"; }

lock() { exec 9>>"$J/lock" && flock 9; }

state() { cat "$J/state" 2>/dev/null || echo none; }

# Acts only in the listed states; otherwise says which state the journal is in.
require_state() {
  s=$(state)
  for ok in "$@"; do [ "$s" = "$ok" ] && return 0; done
  say "$s"
  exit 10
}

# "NAME VERSION" per installed package (VERSION as apt-get install NAME=VERSION and dnf NAME-VERSION take it).
installed_packages() {
  if [ "$1" = dnf ]; then
    # gpg-pubkey entries are imported keys, not packages dnf can remove.
    rpm -qa --qf '%{NAME} %|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}\n' | grep -v '^gpg-pubkey ' | sort -u
  else
    dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Version}\n' | awk '$1 ~ /^.i/ { print $2, $3 }' | sort -u
  fi
}

# What differs between two package lists: "added NAME VERSION", "removed NAME VERSION" (the old one),
# "changed NAME OLD NEW". A list from an older journal has names only: versions are then not compared.
package_changes() { # before now
  awk 'NR == FNR { b[$1] = $2; next } { n[$1] = $2 }
       END {
         for (p in n) if (!(p in b)) print "added", p, n[p]; else if (b[p] != "" && b[p] != n[p]) print "changed", p, b[p], n[p]
         for (p in b) if (!(p in n)) print "removed", p, b[p]
       }' "$1" "$2" | sort
}

# A digest of everything at and below a path: names, types, modes, owners, link targets and file
# contents. Times and directory sizes are left out: they change without anything being changed; so is
# what the stage's probes write into (see op_volatile).
digest() {
  if [ -e "$1" ] || [ -L "$1" ]; then
    {
      find "$1" -xdev -printf '%p %y %m %u %g %l\n' 2>/dev/null | unvolatile 1 | sort
      find "$1" -xdev -type f -print0 2>/dev/null | sort -z | xargs -0 -r sha256sum -- | unvolatile 67
    } | sha256sum | cut -d' ' -f1
  else
    echo absent
  fi
}

# The digests of many paths at once, each exactly what digest gives for that path alone, in a fixed
# number of processes however many paths there are (digest costs some eight processes a path, and a
# read-back after a service or package task covers every path the stage journals). Lines "N PATH" on
# stdin; writes each digest to OUT/N. Every line of the one find is tagged with the path it was found
# under, so a path inside another (a directory and a file in it, a mount below) gets just what a find
# of its own lists. Paths with a tab or newline, and trees with a name sha256sum escapes (a newline or
# backslash in it), take digest's own way.
digests() { # OUT
  out=$1
  # Scratch space inside the journal, never in /tmp: a stage may journal /tmp itself.
  t=$(mktemp -d "$J/.digests.XXXXXX") || return 1
  : > "$t/want"
  while IFS= read -r l; do
    n=${l%% *} p=${l#* }
    case $p in
      *"$TAB"*) digest "$p" > "$out/$n" ;;
      *) if [ -e "$p" ] || [ -L "$p" ]; then printf '%s\t%s\n' "$n" "$p" >> "$t/want"; else echo absent > "$out/$n"; fi ;;
    esac
  done
  r=0
  if [ -s "$t/want" ] && ! digests_found "$t" "$out"; then
    while IFS="$TAB" read -r n p; do digest "$p" > "$out/$n" || r=1; done < "$t/want"
  fi
  rm -rf -- "$t"
  return "$r"
}

# Queues PATH for digests (a line "N PATH" in LIST), or, when it has a newline in it and so cannot be
# a line, writes its digest to OUT/N at once.
want_digest() { # n path list out
  case $2 in
    *"$NL"*) digest "$2" > "$4/$1" ;;
    *) printf '%s %s\n' "$1" "$2" >> "$3" ;;
  esac
}

# digests' one pass over the paths in T/want, into OUT; fails, having written nothing, when a name
# needs digest's own way.
digests_found() { # T OUT
  # Each distinct path once, numbered.
  # (Paths reach awk through the environment: -v and NAME=VALUE operands would take backslashes as escapes.)
  DT=$1 DOUT=$2 DVOL=$J/volatile
  export DT DOUT DVOL
  awk -F '\t' 'BEGIN { t = ENVIRON["DT"] } !($2 in i) { i[$2] = sprintf("%06d", ++k); print $2 > (t "/points") } { print $1 "\t" i[$2] > (t "/index") }' "$1/want" || return 1
  # "M" lines are what digest's first find prints, "F" lines the files whose contents it takes.
  # shellcheck disable=SC2016 # $@ is the inner shell's
  tr '\n' '\0' < "$1/points" |
    xargs -0 sh -c 'find "$@" -xdev -printf "M%H\t%p %y %m %u %g %l\n" -type f -printf "F%H\t%p\n"' sh > "$1/found" 2>/dev/null
  # "I<tab>0<tab>LINE" for a listed line and "I<tab>1<tab>PATH" for a file of the I-th path, without
  # what the stage's probes write into (as unvolatile drops it); an untagged line (a name with a
  # newline in it) fails the pass.
  awk '
    function volatile(p,  i) { for (i = 1; i <= nv; i++) if (p == v[i] || index(p, v[i] "/") == 1 || index(p, v[i] " ") == 1) return 1; return 0 }
    BEGIN { t = ENVIRON["DT"]; vol = ENVIRON["DVOL"]; while ((getline l < vol) > 0) v[++nv] = l; while ((getline l < (t "/points")) > 0) pt[l] = sprintf("%06d", ++np) }
    {
      c = index($0, "\t"); sp = substr($0, 2, c - 2); body = substr($0, c + 1)
      if (c == 0 || !(sp in pt)) { bad = 1; exit }
      if (volatile(body)) next
      if (substr($0, 1, 1) == "M") print pt[sp] "\t0\t" body > (t "/lines")
      else { print pt[sp] "\t1\t" body > (t "/lines"); print body > (t "/files") }
    }
    END { if (bad) exit 3 }' "$1/found" || return 1
  : >> "$1/lines"
  : >> "$1/files"
  sort -u "$1/files" | tr '\n' '\0' | xargs -0 -r sha256sum -- > "$1/sums" 2>/dev/null
  ! grep -q '^[\]' "$1/sums" || return 1
  # Each path's digest input, in digest's order (its listing sorted, then its files' sums by name),
  # one file per path; then one sha256sum for them all.
  mkdir "$1/d" || return 1
  sort "$1/lines" | awk -F '\t' '
    BEGIN {
      t = ENVIRON["DT"]
      while ((getline l < (t "/sums")) > 0) h[substr(l, 67)] = l
      while ((getline l < (t "/points")) > 0) { f = t "/d/" sprintf("%06d", ++np); printf "" > f; close(f) }
    }
    {
      f = t "/d/" $1
      if (f != cur) { if (cur != "") close(cur); cur = f }
      body = substr($0, length($1) + length($2) + 3)
      if ($2 == 0) print body >> f; else if (body in h) print h[body] >> f
    }' || return 1
  (cd "$1/d" && sha256sum -- *) > "$1/dsums" || return 1
  awk '
    BEGIN { out = ENVIRON["DOUT"] }
    NR == FNR { d[substr($0, 67)] = substr($0, 1, 64); next }
    { f = out "/" substr($0, 1, index($0, "\t") - 1); print d[substr($0, index($0, "\t") + 1)] > f; close(f) }' "$1/dsums" "$1/index"
}

# Drops the lines whose path (from column START on) is one the stage's probes write into, or below one.
unvolatile() { # START
  if [ -s "$J/volatile" ]; then
    awk -v start="$1" 'NR == FNR { v[++n] = $0; next }
      { p = substr($0, start); for (i = 1; i <= n; i++) if (p == v[i] || index(p, v[i] "/") == 1 || index(p, v[i] " ") == 1) next; print }' "$J/volatile" -
  else
    cat
  fi
}

# Absolute, not the root, no . or .. components: the undo removes such a path whole.
safe_path() {
  case $1 in /?*) ;; *) return 1 ;; esac
  case $1 in */../* | */.. | */./* | */.) return 1 ;; esac
  return 0
}

tar_create() { # archive, path
  tar --xattrs -cpf "$1" -C / -- "./${2#/}" 2>/dev/null || tar -cpf "$1" -C / -- "./${2#/}"
}

tar_extract() { # archive directory
  tar --xattrs -xpf "$1" -C "$2" 2>/dev/null || tar -xpf "$1" -C "$2"
}

# The entries the running task touches (journal.sh begin), read once: pending then costs no process.
load_pending() { PENDING=$NL; [ ! -f "$J/pending" ] || PENDING=$NL$(cat "$J/pending")$NL; }
pending() { case $PENDING in *"$NL$1$NL"*) return 0 ;; esac; return 1; }

# The file of the NetworkManager connection profile active on a device (keyfile or ifcfg).
nm_profile_file() {
  c=$(nmcli -g GENERAL.CONNECTION device show "$1" 2>/dev/null || true)
  [ -n "$c" ] || return 1
  nmcli -t -e no -f NAME,FILENAME connection show 2>/dev/null | while IFS= read -r l; do
    [ "${l%:*}" = "$c" ] && { printf '%s' "${l##*:}"; break; }
  done
}

# debconf's database as it was: purging a package the stage installed also purges its answers (an
# operator's preseed, say Postfix's "No configuration"), so the next install would be set up otherwise.
DEBCONF=/var/cache/debconf
keep_debconf() { # entry
  [ -f "$DEBCONF/config.dat" ] || return 0
  mkdir -p "$1/debconf"
  for f in config.dat templates.dat passwords.dat; do
    [ ! -f "$DEBCONF/$f" ] || cp -p -- "$DEBCONF/$f" "$1/debconf/$f" || fail "could not keep debconf's $f"
  done
}

# Puts debconf's database back as the entry kept it, each file renamed into place whole.
restore_debconf() { # entry
  [ -d "$1/debconf" ] || return 0
  for f in "$1"/debconf/*.dat; do
    b=${f##*/}
    if cp -p -- "$f" "$DEBCONF/.$b.provision-new" && mv -f -- "$DEBCONF/.$b.provision-new" "$DEBCONF/$b"; then :; else
      rm -f -- "$DEBCONF/.$b.provision-new"; not_undone "could not put back debconf's $b"; return
    fi
  done
  say "debconf answers back as before the stage"
}

# The path an entry keeps: its argument, or for a NetworkManager entry the profile file it found.
entry_path() {
  if [ -f "$1/file" ]; then readf "$1/file"; else readf "$1/arg"; fi
}

# Sets EP to entry_path's answer without a process (read stops at a newline: such a path is read whole).
load_entry_path() {
  f=$1/arg
  [ ! -f "$1/file" ] || f=$1/file
  EP=""
  if IFS= read -r EP 2>/dev/null < "$f"; then EP=$(readf "$f"); fi
}

# Entry numbers, newest first: the undo goes backwards.
entries_newest_first() { find "$J/entries" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -rn; }

record_entry() { # kind n arg
  kind=$1 e=$J/entries/$2 arg=$3
  [ -f "$e/kind" ] && return 0
  rm -rf -- "$e"
  mkdir -p "$e"
  printf '%s' "$arg" > "$e/arg"
  case $kind in
    nmconnection)
      # The device's profile, kept as a file; the undo puts it back and has NetworkManager reapply it.
      f=$(nm_profile_file "$arg" || true)
      [ -n "$f" ] || fail "NetworkManager manages no connection on $arg"
      printf '%s' "$f" > "$e/file"
      tar_create "$e/data.tar" "$f" || fail "could not archive $f"
      echo present > "$e/before"
      digest_later "$2" "$f" ;;
    path | newpath | firewalld)
      safe_path "$arg" || fail "refusing to journal '$arg': not an absolute path"
      if [ -e "$arg" ] || [ -L "$arg" ]; then
        if [ "$kind" = newpath ]; then
          # Created only when absent (useradd -m never touches an existing home): nothing to undo.
          echo existing > "$e/before"
        else
          tar_create "$e/data.tar" "$arg" || fail "could not archive $arg"
          echo present > "$e/before"
        fi
      else
        echo absent > "$e/before"
        # Directories created above the path go too, up to the nearest one that existed.
        a=$(dirname -- "$arg")
        while [ ! -e "$a" ]; do a=$(dirname -- "$a"); done
        printf '%s' "$a" > "$e/anchor"
      fi
      digest_later "$2" "$arg" ;;
    unit)
      a=$(systemctl is-active -- "$arg" 2>/dev/null || true)
      en=$(systemctl is-enabled -- "$arg" 2>/dev/null || true)
      printf '%s %s\n' "${a:-inactive}" "${en:-disabled}" > "$e/unit" ;;
    packages | packages-keep)
      installed_packages "$arg" > "$e/packages" || fail "could not list the installed packages"
      [ "$kind" = packages ] && [ "$arg" != dnf ] && keep_debconf "$e"
      cp "$e/packages" "$J/after/$2" ;;
    *) fail "unknown journal entry kind '$kind'" ;;
  esac
  # Written last: an entry without its kind was never complete and is ignored. A path's entry gets
  # its kind from op_record, once its digest is there.
  if [ -f "$e/kind.later" ]; then printf '%s\n' "$kind" > "$e/kind.later"; else echo "$kind" > "$e/kind"; fi
}

# A path entry's digest is taken by op_record for all of the record's paths at once (see digests); a
# path with a newline in it has its own at once.
digest_later() { # n path
  want_digest "$1" "$2" "$J/record.want" "$J/record.d" && : > "$e/kind.later"
}

op_record() {
  mkdir -p "$J/entries" "$J/after"
  lock
  [ -f "$J/state" ] || echo open > "$J/state"
  require_state open
  rm -rf -- "$J/record.want" "$J/record.d"
  mkdir "$J/record.d" || fail "could not record in $J"
  while [ $# -ge 3 ]; do
    record_entry "$1" "$2" "$3"
    shift 3
  done
  [ $# -eq 0 ] || fail "record takes KIND N ARG triples"
  if [ -f "$J/record.want" ]; then digests "$J/record.d" < "$J/record.want" || fail "could not take the digests of the paths to record"; fi
  for k in "$J"/entries/*/kind.later; do
    e=${k%/kind.later} n=${e##*/}
    # Only this record's entries: one a killed record left half-made stays without its kind.
    [ -f "$J/record.d/$n" ] || continue
    { IFS= read -r d < "$J/record.d/$n" && read -r kind < "$k"; } || fail "no digest of entry $n"
    { printf '%s\n' "$d" > "$e/digest" && printf '%s\n' "$d" > "$J/after/$n" && printf '%s\n' "$kind" > "$e/kind"; } || fail "could not record entry $n"
  done
  rm -rf -- "$J/record.want" "$J/record.d" "$J"/entries/*/kind.later
}

# names J N NAME...: the packages a task of the stage names (installed, upgraded or removed): the undo
# takes these back to their versions.
op_names() {
  n=$1; shift
  [ -d "$J/entries/$n" ] || fail "no package entry $n"
  for p in "$@"; do grep -qxF -- "$p" "$J/entries/$n/names" 2>/dev/null || printf '%s\n' "$p" >> "$J/entries/$n/names"; done
}

op_before() { # path dest
  for e in "$J"/entries/*; do
    if [ "$(cat "$e/kind" 2>/dev/null)" != path ] || [ "$(readf "$e/arg")" != "$1" ]; then continue; fi
    case $(cat "$e/before") in
      absent) say absent; return 0 ;;
      present)
        t=$(mktemp -d) || return 1
        tar_extract "$e/data.tar" "$t" && cp -p -- "$t/${1#/}" "$2"; r=$?
        rm -rf -- "$t"
        [ "$r" -eq 0 ] && say present
        return "$r" ;;
    esac
  done
  fail "$1 is not recorded in $J" 3
}

op_begin() {
  printf '%s\n' "$@" > "$J/pending.new" && mv -f "$J/pending.new" "$J/pending"
}

# end [all|touched]: what the finished task left becomes the state a recovery compares with. After a
# task that changes only its own entries ("touched"), only those and the paths above or below them are
# read again: cheaper, and an edit to another entry made meanwhile is still seen as nobody's.
op_end() {
  lock
  scope=${1:-all}
  load_pending
  set --
  if [ "$scope" = touched ] && [ -f "$J/pending" ]; then
    while IFS= read -r n; do
      [ -f "$J/entries/$n/kind" ] || continue
      load_entry_path "$J/entries/$n"
      set -- "$@" "$EP"
    done < "$J/pending"
  fi
  # Everything read again goes to after.new first, then into after/ file by file (each a rename).
  rm -rf -- "$J/after.new" "$J/after.want"
  { mkdir "$J/after.new" && : > "$J/after.want"; } || fail "could not read back the stage's entries"
  for e in "$J"/entries/*; do
    [ -f "$e/kind" ] || continue
    n=${e##*/}
    read -r kind < "$e/kind"
    if [ "$scope" = touched ] && ! pending "$n"; then
      case $kind in path | newpath | firewalld | nmconnection) ;; *) continue ;; esac
      load_entry_path "$e"
      related "$EP" "$@" || continue
    fi
    case $kind in
      path | newpath | firewalld | nmconnection)
        load_entry_path "$e"
        want_digest "$n" "$EP" "$J/after.want" "$J/after.new" ;;
      packages | packages-keep) installed_packages "$(readf "$e/arg")" > "$J/after.new/$n" ;;
    esac
  done
  digests "$J/after.new" < "$J/after.want" || fail "could not read back the stage's paths"
  for f in "$J/after.new"/*; do
    [ ! -e "$f" ] || mv -f -- "$J/after.new"/* "$J/after/" || fail "could not keep what the task left"
    break
  done
  rm -rf -- "$J/after.new" "$J/after.want" "$J/pending"
}

# related PATH OTHER...: PATH is one of the others, or lies above or below one.
related() {
  p=$1; shift
  for q in "$@"; do
    case $p in "$q" | "$q"/*) return 0 ;; esac
    case $q in "$p"/*) return 0 ;; esac
  done
  return 1
}

stop_timers() {
  [ -f "$J/guard-units" ] || return 0
  while read -r u; do
    systemctl stop -- "$u.timer" 2>/dev/null || true
  done < "$J/guard-units"
}

op_arm() { # unit seconds
  lock
  require_state open
  stop_timers
  systemd-run --quiet --unit="$1" --on-active="$2" --timer-property=AccuracySec=1s \
    /bin/sh "$J/journal.sh" restore "$J" guard || fail "could not start the guard timer $1"
  echo "$1" >> "$J/guard-units"
}

op_disarm() {
  lock
  stop_timers
  state
}

op_commit() {
  lock
  require_state open
  stop_timers
  echo committed > "$J/state"
  say committed
}

op_discard() {
  lock
  require_state open restoring incomplete
  stop_timers
  echo discarded > "$J/state"
  say discarded
}

# What differs from the state the stage left after its last finished task; the task that was
# running when the controller stopped is expected to have changed its own entries — and, when it ran
# the package manager, any path: maintainer scripts write configuration and account files that other
# tasks of the stage journal (postfix's writes /etc/postfix/master.cf and adds users).
compare() {
  changed=0 scripts=""
  load_pending
  for e in "$J"/entries/*; do
    pending "${e##*/}" || continue
    kind=""
    read -r kind 2>/dev/null < "$e/kind"
    case $kind in packages | packages-keep) scripts=1 ;; esac
  done
  # The paths to compare, digested together (see digests), then compared entry by entry.
  now=$(mktemp -d "$J/.compare.XXXXXX") || fail "could not compare: no scratch directory in $J"
  : > "$now/want"
  for e in "$J"/entries/*; do
    [ -f "$e/kind" ] || continue
    n=${e##*/}
    pending "$n" && continue
    read -r kind < "$e/kind"
    case $kind in path | newpath | firewalld | nmconnection) ;; *) continue ;; esac
    read -r before < "$e/before"
    [ "$before" = existing ] && continue
    [ -z "$scripts" ] || continue
    load_entry_path "$e"
    want_digest "$n" "$EP" "$now/want" "$now"
  done
  digests "$now" < "$now/want" || { rm -rf -- "$now"; fail "could not compare the stage's paths"; }
  for e in "$J"/entries/*; do
    [ -f "$e/kind" ] || continue
    n=${e##*/}
    pending "$n" && continue
    read -r kind < "$e/kind"
    case $kind in
      path | newpath | firewalld | nmconnection)
        [ -f "$now/$n" ] || continue
        d="" a=""
        read -r d < "$now/$n"
        read -r a 2>/dev/null < "$J/after/$n"
        if [ "$d" != "$a" ]; then load_entry_path "$e"; say "changed since: $EP"; changed=1; fi ;;
      packages | packages-keep)
        installed_packages "$(readf "$e/arg")" > "$J/packages.now"
        package_changes "$J/after/$n" "$J/packages.now" > "$J/packages.diff"
        while read -r how p old new; do
          case $how in
            added) say "package installed since: $p" ;;
            removed) say "package removed since: $p" ;;
            changed) say "package changed since: $p $old -> $new" ;;
          esac
          changed=1
        done < "$J/packages.diff" ;;
    esac
  done
  rm -rf -- "$now"
  return $changed
}

op_compare() {
  [ -d "$J/entries" ] || fail "no journal at $J" 3
  compare || exit 11
}

# Puts one recorded path back: extracted to a staging directory beside it, then renamed over it, so
# a restore that fails (a damaged archive, a full disk) leaves the current file as it was.
restore_path() { # entry path
  d=$(dirname -- "$2")
  mkdir -p -- "$d" 2>/dev/null || { why="cannot create $d"; return 1; }
  s=$(mktemp -d "$d/.provision-restore.XXXXXX" 2>&1) || { why="no staging directory beside it: $s"; return 1; }
  if ! why=$(tar_extract "$1/data.tar" "$s" 2>&1); then
    rm -rf -- "$s"
    why="the archive could not be extracted: $(printf '%s\n' "$why" | grep -v 'Exiting with failure status' | head -n 1)"
    return 1
  fi
  staged=$s/${2#/}
  if [ ! -e "$staged" ] && [ ! -L "$staged" ]; then rm -rf -- "$s"; why="the archive does not hold it"; return 1; fi
  if { [ -d "$2" ] && [ ! -L "$2" ]; } || { [ -d "$staged" ] && [ ! -L "$staged" ]; }; then
    # rename(2) cannot put a directory over anything but an empty one: move the current one aside
    # first, and back again if the second rename fails.
    if [ -e "$2" ] || [ -L "$2" ]; then
      mv -f -T -- "$2" "$s/.current" 2>/dev/null || { rm -rf -- "$s"; why="cannot move the current $2 aside"; return 1; }
    fi
    if ! mv -T -- "$staged" "$2" 2>/dev/null; then
      { [ -e "$s/.current" ] || [ -L "$s/.current" ]; } && mv -T -- "$s/.current" "$2"
      rm -rf -- "$s"; why="cannot rename the restored copy into place"; return 1
    fi
  elif ! mv -f -T -- "$staged" "$2" 2>/dev/null; then
    rm -rf -- "$s"; why="cannot rename the restored copy into place"; return 1
  fi
  rm -rf -- "$s"
  return 0
}

# Takes away a path that was absent before the stage: renamed out of the way first, so it is gone
# from its name at once, then deleted.
remove_path() { # entry path
  t=$(mktemp -u "$(dirname -- "$2")/.provision-remove.XXXXXX")
  mv -f -T -- "$2" "$t" 2>/dev/null || { why="cannot remove it"; return 1; }
  rm -rf -- "$t"
  anchor=$(readf "$1/anchor")
  d=$(dirname -- "$2")
  while [ "$d" != "$anchor" ] && [ "$d" != / ]; do rmdir -- "$d" 2>/dev/null || break; d=$(dirname -- "$d"); done
  return 0
}

restore_paths() {
  for n in $(entries_newest_first); do
    e=$J/entries/$n
    [ -f "$e/kind" ] || continue
    case $(cat "$e/kind") in path | newpath | firewalld | nmconnection) ;; *) continue ;; esac
    before=$(cat "$e/before")
    [ "$before" = existing ] && continue
    p=$(entry_path "$e")
    # Tried already in this undo and failed (the second pass after the package removal): said once.
    grep -qx "$n" "$J/failed.now" 2>/dev/null && continue
    safe_path "$p" || { not_undone "'$p' is not a path the undo may remove"; echo "$n" >> "$J/failed.now"; continue; }
    # Already as before the stage (an earlier, interrupted undo got this far): nothing to do.
    [ "$(digest "$p")" = "$(cat "$e/digest")" ] && continue
    why=""
    if [ "$before" = present ]; then
      if restore_path "$e" "$p"; then say "restored $p"; else not_undone "could not restore $p: $why"; echo "$n" >> "$J/failed.now"; continue; fi
    else
      if [ -e "$p" ] || [ -L "$p" ]; then
        if remove_path "$e" "$p"; then say "removed $p (absent before the stage)"; else not_undone "could not remove $p: $why"; echo "$n" >> "$J/failed.now"; continue; fi
      fi
    fi
    if command -v restorecon >/dev/null 2>&1 && [ -e "$p" ]; then restorecon -R -- "$p" 2>/dev/null || true; fi
  done
}

# Something the undo could not put back: said, kept in the journal's list, and the undo is incomplete.
not_undone() {
  say "not undone: $1"
  printf '%s\n' "$1" >> "$J/incomplete.new"
  rc=1
}

# Whether the package manager can still install this version of a package.
offered() { # manager name version
  if [ "$1" = dnf ]; then
    dnf -q repoquery --qf '%{evr}\n' "$2" 2>/dev/null | grep -qxF -- "$3"
  else
    apt-cache madison "$2" 2>/dev/null | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | grep -qxF -- "$3"
  fi
}

# The package list as it was: what the stage added goes; what it removed comes back, and what a task of
# the stage upgraded goes back to its version — where the repository still offers that version; where
# it does not, the undo says so ("kept") instead of claiming it. A version changed by something the
# stage's tasks did not name (a dependency) is said, not downgraded: nobody asked for that.
restore_packages() {
  for n in $(entries_newest_first); do
    e=$J/entries/$n
    [ "$(cat "$e/kind" 2>/dev/null)" = packages ] || continue
    manager=$(readf "$e/arg")
    installed_packages "$manager" > "$J/packages.now"
    package_changes "$e/packages" "$J/packages.now" > "$J/packages.diff"
    new=$(awk '$1 == "added" { print $2 }' "$J/packages.diff" | tr '\n' ' ')
    down="" back=""
    : > "$J/packages.wanted"
    while read -r how p old cur; do
      case $how in removed) ;; changed) grep -qxF -- "$p" "$e/names" 2>/dev/null || { say "kept: $p $cur (was $old: changed as a dependency, not by a task of the stage)"; continue; } ;; *) continue ;; esac
      if ! offered "$manager" "$p" "$old"; then say "kept: $p ${cur:-absent} (cannot be undone: the repository no longer offers $p $old)"; continue; fi
      if [ "$manager" = dnf ]; then spec="$p-$old"; else spec="$p=$old"; fi
      if [ "$how" = changed ]; then down="$down $spec"; else back="$back $spec"; fi
      echo "$p $old" >> "$J/packages.wanted"
    done < "$J/packages.diff"
    # Package names come from the package database; word splitting is wanted here.
    # shellcheck disable=SC2086
    if [ -n "$new" ]; then
      if [ "$manager" = dnf ]; then
        # No "--": the dnf5 of Fedora 41-43 rejects it.
        if dnf -y -q remove $new </dev/null >/dev/null; then say "removed packages: $new"; else not_undone "could not remove packages: $new"; fi
      else
        if DEBIAN_FRONTEND=noninteractive apt-get -y -q purge -- $new </dev/null >/dev/null; then say "purged packages: $new"; else not_undone "could not purge packages: $new"; fi
      fi
    fi
    if [ -n "$down$back" ]; then
      # shellcheck disable=SC2086
      if [ "$manager" = dnf ]; then
        [ -z "$down" ] || dnf -y -q downgrade $down </dev/null >/dev/null 2>&1
        [ -z "$back" ] || dnf -y -q install $back </dev/null >/dev/null 2>&1
      else
        DEBIAN_FRONTEND=noninteractive apt-get -y -q --allow-downgrades -o Dpkg::Options::=--force-confold install -- $down $back </dev/null >/dev/null 2>&1
      fi
      # Said as done only where the package database now agrees.
      installed_packages "$manager" > "$J/packages.now"
      while read -r p old; do
        if grep -qxF -- "$p $old" "$J/packages.now"; then say "package back at its version: $p $old"; else not_undone "could not take $p back to $old"; fi
      done < "$J/packages.wanted"
    fi
    # The package set is back as before the stage: so are the debconf answers a purge took with it.
    [ -z "$new$down$back" ] || restore_debconf "$e"
  done
}

reload_firewalld() {
  for e in "$J"/entries/*; do
    [ "$(cat "$e/kind" 2>/dev/null)" = firewalld ] || continue
    if firewall-cmd --state >/dev/null 2>&1; then
      if firewall-cmd -q --reload; then say "firewalld reloaded"; else not_undone "firewalld could not reload the restored configuration"; fi
    fi
    return
  done
}

# NetworkManager reads restored profiles again, and each recorded device takes its old zone (and
# everything else in its profile) without going down.
reapply_networkmanager() {
  for e in "$J"/entries/*; do
    [ "$(cat "$e/kind" 2>/dev/null)" = nmconnection ] || continue
    [ -n "${nm_reloaded:-}" ] || { nmcli connection reload || not_undone "NetworkManager could not reload its profiles"; nm_reloaded=1; }
    dev=$(readf "$e/arg")
    if nmcli device reapply "$dev" >/dev/null 2>&1 || nmcli device connect "$dev" >/dev/null 2>&1; then
      say "NetworkManager: $dev reapplied"
    else
      not_undone "NetworkManager: could not reapply $dev"
    fi
  done
}

restore_units() {
  systemctl daemon-reload 2>/dev/null || true
  # The earliest record of a unit is its state before the stage.
  for e in "$J"/entries/*; do
    [ "$(cat "$e/kind" 2>/dev/null)" = unit ] || continue
    u=$(readf "$e/arg")
    grep -qxF -- "$u" "$J/units.done" 2>/dev/null && continue
    echo "$u" >> "$J/units.done"
    read -r active enabled < "$e/unit"
    # A unit whose package the undo removed may still run from memory: stop it.
    if [ "$(systemctl show -p LoadState --value -- "$u" 2>/dev/null)" != loaded ]; then
      systemctl stop -- "$u" 2>/dev/null; systemctl reset-failed -- "$u" 2>/dev/null
      continue
    fi
    case $enabled in
      enabled | enabled-runtime | alias | static | indirect) systemctl -q enable -- "$u" 2>/dev/null || true ;;
      disabled) systemctl -q disable -- "$u" 2>/dev/null || true ;;
    esac
    case $active in
      active | reloading | activating)
        if systemctl restart -- "$u"; then say "unit $u restarted"; else not_undone "unit $u failed to restart"; fi ;;
      *) if systemctl -q is-active -- "$u" 2>/dev/null; then systemctl stop -- "$u" 2>/dev/null && say "unit $u stopped"; fi ;;
    esac
  done
}

op_restore() { # mode
  mode=${1:?mode}
  [ -d "$J/entries" ] || fail "no journal at $J" 3
  lock
  case $mode in
    guard) require_state open ;;
    rollback) require_state open incomplete ;;
    recover) require_state open restoring incomplete ;;
    force) require_state open restoring incomplete committed ;;
    *) fail "unknown restore mode '$mode'" ;;
  esac
  stop_timers
  if [ "$mode" = guard ] && ! compare > "$J/guard-refused"; then
    # Someone changed the host after the controller went away: leave the journal open for a person.
    say "not undone: the host changed since the stage's last finished task"
    cat "$J/guard-refused"
    exit 11
  fi
  echo restoring > "$J/state"
  rc=0
  rm -f "$J/units.done" "$J/incomplete.new" "$J/failed.now"
  # Paths first, so services the package removal restarts find their old configuration ...
  restore_paths
  restore_packages
  # ... and again after it: a purge may delete what was there before the stage (Debian's certbot
  # purge removes /etc/letsencrypt).
  restore_paths
  reload_firewalld
  reapply_networkmanager
  restore_units
  if [ "$rc" -eq 0 ]; then
    rm -f "$J/incomplete"
    echo rolled-back > "$J/state"
  else
    # What was not put back stays listed; the undo can be run again (rollback, recover, force).
    mv -f "$J/incomplete.new" "$J/incomplete" 2>/dev/null || true
    echo incomplete > "$J/state"
  fi
  exit $rc
}

# The paths the stage's probes write into (a mail probe's Maildir): a probe cut off by a killed
# controller leaves them changed, which is the stage's own doing, not an edit to protect.
op_volatile() { # PATH...
  mkdir -p "$J"
  printf '%s\n' "$@" > "$J/volatile"
}

op_label() { # play stage playname stagename owner
  mkdir -p "$J"
  for f in play stage play-name stage-name owner; do
    [ -f "$J/$f" ] || printf '%s' "$1" > "$J/$f"
    shift
  done
}

# One line per field-safe value: tabs and newlines in names become spaces.
field() { readf "$1" 2>/dev/null | tr '\t\n' '  '; }

op_list() {
  for s in "$J"/*/*/state; do
    [ -f "$s" ] || continue
    d=${s%/state}
    id=${d#"$J"/}
    if [ -f "$d/stage" ]; then
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(cat "$s")" "$id" "$(field "$d/play")" "$(field "$d/stage")" "$(field "$d/play-name")" "$(field "$d/stage-name")"
    else
      # A journal written before journals named their play: NN-name.
      b=${d##*/}
      printf '%s\t%s\t\t%s\t\t%s\n' "$(cat "$s")" "$id" "${b%%-*}" "${b#*-}"
    fi
  done | sort -t "$(printf '\t')" -k2,2r
}

op_prune() {
  cd "$J" 2>/dev/null || exit 0
  # Newest runs first; a run with an unfinished or incomplete journal is never pruned.
  find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -r | tail -n +11 | while read -r d; do
    grep -qsx -e open -e restoring -e incomplete "$d"/*/state || rm -rf -- "$d"
  done
}

case $op in
  record) op_record "$@" ;;
  begin) op_begin "$@" ;;
  names) op_names "$@" ;;
  before) op_before "$@" ;;
  end) op_end "$@" ;;
  arm) op_arm "$@" ;;
  disarm) op_disarm ;;
  commit) op_commit ;;
  discard) op_discard ;;
  compare) op_compare ;;
  restore) op_restore "$@" ;;
  label) op_label "$@" ;;
  volatile) op_volatile "$@" ;;
  list) op_list ;;
  prune) op_prune ;;
  *) fail "unknown operation '$op'" ;;
esac
