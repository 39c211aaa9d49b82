#!/bin/sh
# Runs a command between a pre and a post hook, the post hook even when the command fails, and exits
# with the command's status: certbot runs directory hooks only on renew, so an issuance runs the port 80
# hooks itself and port 80 never stays open. Arguments: PRE_HOOK POST_HOOK COMMAND...
pre=$1 post=$2
shift 2
sh "$pre"
"$@"
rc=$?
sh "$post"
exit "$rc"
