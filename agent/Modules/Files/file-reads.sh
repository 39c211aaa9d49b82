#!/bin/sh
# Reads several paths as file-read.sh reads each one, in a few processes for all of them instead of a
# script (and up to three processes) per path: the kinds by the shell's own tests, one stat for every
# path, one readlink for the links, one cat | base64 for every content asked for up to MAX_BYTES;
# only a file over MAX_BYTES costs one sha256sum of its own, as alone. FileReads puts each path's
# answer together from the sections, exactly as file-read.sh prints it.
# Arguments: MAX_BYTES, then each path with one character before it: 1 (its content is wanted) or 0.
# Prints "@@ kinds" (one line: each path's kind and a space), "@@ stat" (a stat line for each path
# that is not absent, in order), "@@ links", "@@ content" (one base64 line), "@@ digests".
max=$1; shift
n=$#
flags='' kinds=''
for a in "$@"; do
    p=${a#?}
    flags=$flags${a%"$p"}
    if [ -L "$p" ]; then k='link'; elif [ -d "$p" ]; then k='directory'; elif [ -f "$p" ]; then k='file'
    elif [ -e "$p" ]; then k='other'; else k='absent'; fi
    kinds="$kinds$k "
    set -- "$@" "$p"
done
shift "$n"
nl='
'
stats=$(stat -c '%a %U %G %s %u %g' -- "$@" 2>/dev/null)

# The paths of one kind of answer (links; contents up to MAX_BYTES; digests over it) given to one
# command. Walks the paths with their kinds, flags and stat lines; builtins only.
each() { # WHAT PATH...
    what=$1; shift
    m=$# ks=$kinds fs=$flags ss=$stats$nl
    for p in "$@"; do
        k=${ks%% *}; ks=${ks#* }
        f=${fs%"${fs#?}"}; fs=${fs#?}
        s=0
        if [ "$k" != absent ]; then
            line=${ss%%"$nl"*}; ss=${ss#*"$nl"}
            s=${line#* * * }; s=${s%% *}
        fi
        case $what/$k/$f in
            links/link/?) set -- "$@" "$p" ;;
            content/file/1) if [ "$s" -le "$max" ]; then set -- "$@" "$p"; fi ;;
            digests/file/1) if [ "$s" -gt "$max" ]; then set -- "$@" "$p"; fi ;;
        esac
    done
    shift "$m"
    [ $# -gt 0 ] || return 0
    case $what in
        links) readlink -- "$@" ;;
        content) cat -- "$@" | base64 -w0; echo ;;
        digests) for p in "$@"; do sha256sum -- "$p" | cut -c1-64; done ;;
    esac
}

echo '@@ kinds'; echo "$kinds"
echo '@@ stat'; printf '%s\n' "$stats"
echo '@@ links'; each links "$@"
echo '@@ content'; each content "$@"
echo '@@ digests'; each digests "$@"
true
