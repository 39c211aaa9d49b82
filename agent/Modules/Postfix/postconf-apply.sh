#!/bin/sh
# Changes main.cf and master.cf through postconf, guarded: backs both up, runs the postconf commands,
# then gates on `postfix check` and `postconf -n`. A non-zero exit, or a "warning:"/"fatal:" line
# that was not there before, restores both files byte for byte and fails with Postfix's own words —
# so a bad value never stays, and a host whose main.cf already draws a warning can still be changed.
# The warnings of the files before the change are only looked for when the changed files draw any:
# `postfix check` is most of a write's time, and a clean configuration needs no baseline.
# Arguments: Postfix's configuration directory (the one postconf and postfix use), then postconf
# commands, each as COUNT ARG... (COUNT: how many ARGs follow for that postconf).
dir=$1; shift
main=$dir/main.cf master=$dir/master.cf backup=.provision-bak changed=.provision-new
err=$(mktemp) && pre=$(mktemp) || exit 1
# The warnings in a check's output, without line numbers (an edit may shift them).
warnings() { grep -e 'warning:' -e 'fatal:' | sed 's/, line [0-9]*//' | sort -u; }
# postconf -e cannot create main.cf (Debian "No configuration"): start from an empty one.
new=0
[ -e "$main" ] || { install -m 0644 /dev/null "$main" && new=1; }
if ! { cp -p "$main" "$main$backup" && cp -p "$master" "$master$backup"; }; then
    rm -f "$err" "$pre"; echo "cannot back up $dir" >&2; exit 1
fi
# mv restores the exact bytes and attributes saved by cp -p; the warnings explain why.
fail() {
    mv -f "$main$backup" "$main"; mv -f "$master$backup" "$master"
    rm -f "$main$changed" "$master$changed"
    if [ "$new" = 1 ]; then rm -f "$main"; fi
    echo "postconf change refused ($1), main.cf and master.cf restored:" >&2; cat "$err" >&2
    rm -f "$err" "$pre"; exit 1
}
# postconf with the first N of the arguments after N.
first() {
    n=$1; shift; total=$# i=0
    for a in "$@"; do i=$((i + 1)); if [ "$i" -le "$n" ]; then set -- "$@" "$a"; fi; done
    shift "$total"
    postconf "$@"
}
while [ $# -gt 0 ]; do
    n=$1; shift
    first "$n" "$@" >>"$err" 2>&1 || fail "$1"
    shift "$n"
done
postfix check >>"$err" 2>&1 || fail 'postfix check'
postconf -n >/dev/null 2>>"$err" || fail 'postconf -n'
if warnings < "$err" | grep -q .; then
    # The baseline: the files as they were, checked the same way, the changed ones set aside meanwhile.
    if ! { mv -f "$main" "$main$changed" && mv -f "$master" "$master$changed" &&
        cp -p "$main$backup" "$main" && cp -p "$master$backup" "$master"; }; then
        fail 'cannot set the changed files aside'
    fi
    { postfix check; postconf -n >/dev/null; } 2>&1 | warnings > "$pre"
    if warnings < "$err" | comm -23 - "$pre" | grep -q .; then fail 'new warnings'; fi
    if ! { mv -f "$main$changed" "$main" && mv -f "$master$changed" "$master"; }; then
        fail 'cannot put the changed files back'
    fi
fi
rm -f "$main$backup" "$master$backup" "$err" "$pre"
