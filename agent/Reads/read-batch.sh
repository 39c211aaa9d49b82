#!/bin/sh
# Runs several read-only commands one after another and prints each one's answer followed by a line
# "\nTOKEN STATUS" (the caller's random TOKEN, so no read's output can end another's). Each read runs
# in its own sh; its stderr is dropped (a read that failed is run again on its own, and then shows its
# error). A read's input is one line of the batch's own stdin, taken in order (never an argument: it
# may be a password), handed to it by the shell's builtin printf; a read without input gets /dev/null.
# Not side by side: measured on the lab hosts, process starts (most of a read) did not overlap, and a
# run of reads took as long in parallel as in a row.
# Arguments: TOKEN, then each read's shell text after one character: 1 (it takes a line of input) or 0.
token=$1; shift
for read in "$@"; do
    if [ "${read%"${read#?}"}" = 1 ]; then
        IFS= read -r line
        printf '%s\n' "$line" | sh -c "${read#?}" 2>/dev/null
    else
        sh -c "${read#?}" </dev/null 2>/dev/null
    fi
    printf '\n%s %s\n' "$token" "$?"
done
