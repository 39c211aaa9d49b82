#!/bin/sh
# The installed packages of several package reads in one process: one dpkg-query (apt) or rpm -q
# (dnf) for every name, printing each match with its name. PackageReads answers from it each read that
# needs no candidate version (state present with every package installed, or absent), exactly as
# package-read.sh prints it; the others run alone, as their candidate needs apt-cache or dnf.
# Arguments: MANAGER (apt or dnf) NAME...
manager=$1; shift
if [ "$manager" = dnf ]; then
    rpm -q --qf '%{NAME} %{VERSION}-%{RELEASE}\n' -- "$@" 2>/dev/null
else
    # shellcheck disable=SC2016 # dpkg-query's own ${field} syntax
    dpkg-query -W -f='${Package} ${Status} ${Version}\n' -- "$@" 2>/dev/null
fi
true
