#!/bin/sh
# Reads an account for the user module (passwd line, primary group, groups) and compares a wanted
# password with the /etc/shadow hash on the host, so neither leaves it: the password comes on stdin.
# $1$/$5$/$6$ hashes are recomputed with openssl; other methods (yescrypt, bcrypt, rounds=) through libc
# crypt() via perl. Where neither exists (Fedora's core group has neither), PAM's own helper
# unix_chkpwd checks it (as root it checks any user; the password goes to it NUL-terminated on stdin).
# If nothing can verify, the password counts as different and is set again.
# Arguments: NAME CHECK (none; plain: stdin holds the plaintext; hash: stdin holds a crypt hash).
n=$1
p=$(getent passwd "$n")
rc=$?
# getent's exit 2 is "no such user"; any other failure is not an answer.
if [ "$rc" -eq 2 ]; then echo '@@ absent'; exit 0; fi
[ "$rc" -eq 0 ] || exit "$rc"
# Fields are taken apart by the shell itself: each process is a start-up, and these reads run on
# every apply.
echo '@@ passwd'; printf '%s\n' "$p"
g=${p#*:*:*:}
echo '@@ primary'; if g=$(getent group "${g%%:*}"); then printf '%s\n' "${g%%:*}"; fi
echo '@@ groups'; id -Gn "$n"
[ "$2" = none ] && exit 0
h=$(getent shadow "$n") && h=${h#*:} && h=${h%%:*} || h=
c='' want=''
if [ "$2" = hash ]; then
    IFS= read -r c || true
else
    # Read once: openssl, perl and unix_chkpwd each may be the one that can check it.
    IFS= read -r want || true
    case "$h" in
        \$[156]\$rounds=*) ;;
        \$[156]\$*)
            s=${h#?}; m=${s%%\$*}; s=${s#*\$}; s=${s%%\$*}
            # printf is the shell's own: the password is on no process's command line.
            if command -v openssl >/dev/null 2>&1; then c=$(printf '%s\n' "$want" | openssl passwd -"$m" -salt "$s" -stdin 2>/dev/null); fi ;;
    esac
    if [ -z "$c" ] && [ -n "$h" ] && command -v perl >/dev/null 2>&1; then
        # shellcheck disable=SC2016 # perl's own variables
        c=$(printf '%s' "$want" | H="$h" perl -e '$p = <STDIN>; $c = crypt($p, $ENV{H}); print defined $c ? $c : ""')
    fi
fi
if [ -z "$c" ] && [ "$2" = plain ] && [ -n "$h" ]; then
    k=$(command -v unix_chkpwd 2>/dev/null || echo /usr/sbin/unix_chkpwd)
    # Exit 0 is a match; a mismatch is 7 (PAM_AUTH_ERR), and the helper logs it as a failed check.
    if [ -x "$k" ] && printf '%s\0' "$want" | "$k" "$n" nonull >/dev/null 2>&1; then c=$h; fi
fi
if [ -n "$h" ] && [ "$c" = "$h" ]; then echo '@@ password match'; else echo '@@ password differs'; fi
