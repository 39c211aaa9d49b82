#!/bin/sh
# Reads Postfix's configuration for the postconf module: main.cf's explicit values (after "@@ main")
# and, given a master.cf service, its entry and -o options ("@@ master", "@@ options").
# Exits 127 with "postconf not found" when Postfix is not installed. Argument: [SERVICE/TYPE].
command -v postconf >/dev/null 2>&1 || { echo 'postconf not found: install postfix first' >&2; exit 127; }
echo '@@ main'
# Debian's "No configuration" install has no main.cf at all: that reads as nothing set.
if [ -e /etc/postfix/main.cf ]; then postconf -n 2>/dev/null || exit 1; fi
if [ -n "${1:-}" ]; then
    echo '@@ master'; postconf -M "$1" 2>/dev/null
    echo '@@ options'; postconf -P "$1" 2>/dev/null
fi
true
