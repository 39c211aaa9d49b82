#!/bin/sh
# Reads what the certbot module owns in one round trip: the live certificate's expiry (days left by
# the host's clock) and DNS names ("@@ cert"), the renew timer ("@@ timer"), the hook directories that
# exist ("@@ hookdirs") and, last, every hook file read by one command ("@@ hooks": FileReads' output,
# which CertbotRead takes apart into each file's read).
# Exits 127 with "certbot not found" when certbot is not installed. Each process is a start-up and
# this runs on every apply, so the shell takes lines and paths apart itself.
# Arguments: HOOK_READ (the hook files' read, a script; empty: no hooks) CERT_NAME TIMER_UNIT HOOK_PATH...
command -v certbot >/dev/null 2>&1 || { echo 'certbot not found: install certbot first' >&2; exit 127; }
hook_read=$1 cert=/etc/letsencrypt/live/$2/cert.pem timer=$3
shift 3
nl='
'
echo '@@ cert'
if [ -e "$cert" ]; then
    # "notAfter=DATE", then the subjectAltName extension's lines (none without one).
    x=$(openssl x509 -noout -enddate -ext subjectAltName -in "$cert" 2>/dev/null)
    end=${x%%"$nl"*}; end=${end#notAfter=}
    echo "notafter $end"
    echo "days $(( ($(date -d "$end" +%s) - $(date +%s)) / 86400 ))"
    while IFS= read -r l; do
        l=${l#"${l%%[! ]*}"}
        case $l in *DNS:*) printf '%s\n' "$l" ;; esac
    done <<EOF
$x
EOF
fi
echo '@@ timer'
systemctl show -p LoadState --value -- "$timer"
e=$(systemctl is-enabled -- "$timer" 2>/dev/null)
echo "${e:-unknown}"
systemctl is-active -- "$timer" || true
echo '@@ hookdirs'
seen=$nl
for h in "$@"; do
    d=${h%/*}; d=${d:-/}
    case $seen in *"$nl$d$nl"*) continue ;; esac
    seen=$seen$d$nl
    if [ -d "$d" ]; then echo "$d"; fi
done
echo '@@ hooks'
if [ -n "$hook_read" ]; then sh -c "$hook_read"; fi
true
