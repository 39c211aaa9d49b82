#!/bin/sh
# Changes main.cf and master.cf through postconf: one process for a task's postconf commands. The
# check is the stage's (postfix-gate.sh): it runs once after the stage's tasks, and a failure or a
# new warning rolls the whole stage back from its journal, which recorded both files before.
# Arguments: Postfix's configuration directory (the one postconf and postfix use), then postconf
# commands, each as COUNT ARG... (COUNT: how many ARGs follow for that postconf).
dir=$1; shift
# postconf -e cannot create main.cf (Debian "No configuration"): start from an empty one.
[ -e "$dir/main.cf" ] || install -m 0644 /dev/null "$dir/main.cf" || exit 1
# postconf with the first N of the arguments after N.
first() {
    n=$1; shift; total=$# i=0
    for a in "$@"; do i=$((i + 1)); if [ "$i" -le "$n" ]; then set -- "$@" "$a"; fi; done
    shift "$total"
    postconf "$@"
}
before=$(cksum <"$dir/main.cf") || exit 1
while [ $# -gt 0 ]; do
    n=$1; shift
    first "$n" "$@" || { echo "postconf $1 failed" >&2; exit 1; }
    shift "$n"
done
# Postfix re-reads a main.cf younger than a second until it "cools down" (about 2 s): every postconf,
# postfix check and reload right after this write would wait for it. The write is whole by now (postconf
# renames its new file into place), so the file is dated 2 s back; a main.cf whose contents this write
# left alone keeps its date. Nothing that decides what changed reads a date: the journal compares contents.
after=$(cksum <"$dir/main.cf") || exit 1
if [ "$after" != "$before" ]; then
    touch -d "@$(($(date +%s) - 2))" "$dir/main.cf" || exit 1
fi
