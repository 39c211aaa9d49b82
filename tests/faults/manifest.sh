#!/bin/sh
# The manifest of a lab host: everything an undo must give back exactly, and what the fault sweep
# (tests/faults/sweep) and RollbackLabTests compare before and after a stage: all of /etc (names,
# types, modes, owners, link targets, file contents), the sockets Postfix and Dovecot share, the
# package list with versions, every unit's state, and firewalld's runtime and permanent
# configurations, and debconf's database. Run on the host: tests/lab/lab ssh NAME sh -s < tests/faults/manifest.sh
# shellcheck shell=sh
LC_ALL=C
export LC_ALL
find /etc /var/spool/postfix/private -printf '%p %y %m %u %g %l\n' 2>/dev/null | sort
find /etc -type f -exec md5sum {} + | sort
# debconf's answers (a preseed an undo must not lose with the package it purges)
md5sum /var/cache/debconf/config.dat /var/cache/debconf/templates.dat /var/cache/debconf/passwords.dat 2>/dev/null
dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Version}\n' | sort
# (Login sessions and transient units come and go with every SSH connection: they are not the host's state.)
systemctl list-unit-files --no-legend --no-pager | awk '$1 !~ /^(session-|run-)/' | sort
systemctl list-units --all --no-legend --no-pager --plain | awk '$1 !~ /^(session-|run-|user@|user-runtime-dir@)/ { print $1, $2, $3, $4 }' | sort
firewall-cmd --list-all-zones
firewall-cmd --permanent --list-all-zones
