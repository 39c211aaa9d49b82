#!/bin/sh
# Reads packages for the package module: "i NAME VERSION" per package ("-": not installed) and the
# candidate an install would bring, "c NAME VERSION" — every package's for state latest, a missing
# one's for present. Arguments: MANAGER (apt or dnf) STATE (present, absent or latest) NAME...
manager=$1 state=$2
shift 2
if [ "$manager" = dnf ]; then
    missing=
    for p in "$@"; do
        if v=$(rpm -q --qf '%{VERSION}-%{RELEASE}' -- "$p" 2>/dev/null); then echo "i $p $v"
        else echo "i $p -"; missing="$missing $p"; fi
    done
    set -f
    # --refresh: dnf otherwise answers from metadata cached up to metadata_expire ago and never sees
    # a just-published version. No "--": names cannot start with '-' (refused at bind).
    case $state in
        latest) dnf -q --refresh repoquery --latest-limit=1 --qf 'c %{name} %{version}-%{release}\n' "$@" 2>/dev/null ;;
        present)
            # shellcheck disable=SC2086 # a word list of package names
            [ -z "$missing" ] || dnf -q repoquery --latest-limit=1 --qf 'c %{name} %{version}-%{release}\n' $missing 2>/dev/null ;;
    esac
    exit 0
fi
candidate() { echo "c $1 $(apt-cache policy -- "$1" | sed -n 's/^ *Candidate: //p')"; }
for p in "$@"; do
    # shellcheck disable=SC2016 # dpkg-query's own ${field} syntax
    s=$(dpkg-query -W -f='${Status} ${Version}' -- "$p" 2>/dev/null)
    case "$s" in
        'install ok installed '*) echo "i $p ${s##* }"; if [ "$state" = latest ]; then candidate "$p"; fi ;;
        *) echo "i $p -"; if [ "$state" != absent ]; then candidate "$p"; fi ;;
    esac
done
true
