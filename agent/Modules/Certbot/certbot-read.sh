#!/bin/sh
# Reads what the certbot module owns in one round trip: the live certificate's expiry (days left by
# the host's clock) and DNS names ("@@ cert"), the renew timer ("@@ timer"), the hook directories that
# exist ("@@ hookdirs") and each hook file as file-read.sh reads it ("@@ hookN").
# Exits 127 with "certbot not found" when certbot is not installed.
# Arguments: FILE_READ_SCRIPT MAX_BYTES CERT_NAME TIMER_UNIT HOOK_PATH...
command -v certbot >/dev/null 2>&1 || { echo 'certbot not found: install certbot first' >&2; exit 127; }
read_file=$1 max=$2 cert=/etc/letsencrypt/live/$3/cert.pem timer=$4
shift 4
echo '@@ cert'
if [ -e "$cert" ]; then
    end=$(openssl x509 -noout -enddate -in "$cert" | sed 's/^notAfter=//') || exit 1
    echo "notafter $end"
    echo "days $(( ($(date -d "$end" +%s) - $(date +%s)) / 86400 ))"
    openssl x509 -noout -ext subjectAltName -in "$cert" 2>/dev/null | sed -n 's/^ *//; /DNS:/p'
fi
echo '@@ timer'
systemctl show -p LoadState --value -- "$timer"
e=$(systemctl is-enabled -- "$timer" 2>/dev/null)
echo "${e:-unknown}"
systemctl is-active -- "$timer" || true
echo '@@ hookdirs'
for h in "$@"; do d=$(dirname -- "$h"); if [ -d "$d" ]; then echo "$d"; fi; done | sort -u
i=0
for h in "$@"; do
    echo "@@ hook$i"
    sh -c "$read_file" sh "$h" 1 "$max"
    i=$((i + 1))
done
true
