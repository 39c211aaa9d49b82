#!/bin/sh
# The Postfix stage gate: after a stage's postconf tasks, `postfix check` and `postconf -n` once. A
# non-zero exit, or a "warning:"/"fatal:" line that was not there before the stage, fails it (the
# engine then rolls the stage back), with Postfix's own words. The files as they were before the
# stage come from the stage journal (journal.sh before), and are only checked when the stage's files
# draw a warning: `postfix check` is most of the gate's time, and a clean configuration needs no
# baseline. Arguments: Postfix's configuration directory, the stage journal's directory.
dir=$1 j=$2
main=$dir/main.cf master=$dir/master.cf aside=.provision-gate
out=$(mktemp) && pre=$(mktemp) && old=$(mktemp -d) || exit 1
trap 'rm -rf "$out" "$pre" "$old"' EXIT
# The warnings in a check's output, without line numbers (an edit may shift them).
warnings() { grep -e 'warning:' -e 'fatal:' | sed 's/, line [0-9]*//' | sort -u; }
refuse() { echo "postconf change refused ($1):" >&2; cat "$2" >&2; exit 1; }
postfix check >>"$out" 2>&1 || refuse 'postfix check' "$out"
postconf -n >/dev/null 2>>"$out" || refuse 'postconf -n' "$out"
warnings < "$out" | grep -q . || exit 0
# The baseline: the files as the journal recorded them before the stage, checked the same way, the
# stage's files set aside meanwhile and put back after.
for f in main.cf master.cf; do
    sh "$j/journal.sh" before "$j" "$dir/$f" "$old/$f" >/dev/null || refuse 'no record of the files before the stage to compare with' "$out"
done
if ! { mv -f "$main" "$main$aside" && mv -f "$master" "$master$aside"; }; then refuse 'cannot set the changed files aside' "$out"; fi
for f in main.cf master.cf; do [ -e "$old/$f" ] && cp -p "$old/$f" "$dir/$f"; done
{ postfix check; postconf -n >/dev/null; } 2>&1 | warnings > "$pre"
if ! { mv -f "$main$aside" "$main" && mv -f "$master$aside" "$master"; }; then refuse 'cannot put the changed files back' "$out"; fi
if warnings < "$out" | comm -23 - "$pre" | grep -q .; then
    warnings < "$out" | comm -23 - "$pre" > "$pre.new"
    refuse 'new warnings' "$pre.new"
fi
exit 0
