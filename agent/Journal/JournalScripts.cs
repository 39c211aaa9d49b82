namespace Provisioner.Journal;

/// <summary>
/// The shell side of stage journals. A journal is a directory on the host
/// (/var/lib/provision/journal/RUN/STAGE/) holding everything needed to undo the stage without
/// the controller: an ordered <c>entries</c> file, tarballs of paths as they were, unit states,
/// the list of installed packages from before, and a <c>state</c> file (open, committed,
/// rolled-back). The restore script reads only that directory, so a later run (or
/// <c>provision rollback</c>) can undo a stage whose controller died.
/// </summary>
public static class JournalScripts
{
    public const string Root = "/var/lib/provision/journal";

    /// <summary>The names of the installed packages, sorted; the record and the restore compare two such lists.</summary>
    private const string InstalledPackages = """
        installed_packages() {
          if [ "$1" = dnf ]; then
            # gpg-pubkey entries are imported keys, not packages dnf can remove.
            rpm -qa --qf '%{NAME}\n' | grep -vx gpg-pubkey | sort -u
          else
            dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 ~ /^.i/ { print $2 }' | sort
          fi
        }
        """;

    /// <summary>Functions that append one entry each; sourced before the record calls.</summary>
    public const string RecordFunctions = InstalledPackages + "\n" + """
        set -e
        umask 077
        mkdir -p "$J/files"
        [ -f "$J/state" ] || echo open > "$J/state"
        seq() { n=$(( $(wc -l < "$J/entries" 2>/dev/null || echo 0) + 1 )); echo "$n"; }
        record_path() {
          n=$(seq)
          if [ -e "$1" ] || [ -L "$1" ]; then
            tar --xattrs -cpf "$J/files/$n.tar" -C / "${1#/}" 2>/dev/null || tar -cpf "$J/files/$n.tar" -C / "${1#/}"
            printf '%s\tpath\t%s\tpresent\n' "$n" "$1" >> "$J/entries"
          else
            # Also the nearest ancestor that exists: directories created above the path go on undo.
            a=$(dirname "$1"); while [ ! -e "$a" ]; do a=$(dirname "$a"); done
            printf '%s\tpath\t%s\tabsent\t%s\n' "$n" "$1" "$a" >> "$J/entries"
          fi
        }
        record_new_path() { [ -e "$1" ] || [ -L "$1" ] || record_path "$1"; }
        record_unit() {
          n=$(seq)
          a=$(systemctl is-active -- "$1" 2>/dev/null || true); e=$(systemctl is-enabled -- "$1" 2>/dev/null || true)
          printf '%s\tunit\t%s\t%s\t%s\n' "$n" "$1" "${a:-inactive}" "${e:-disabled}" >> "$J/entries"
        }
        record_packages() {
          n=$(seq)
          installed_packages "$1" > "$J/files/$n.packages"
          printf '%s\t%s\t%s\n' "$n" "$1" "$J/files/$n.packages" >> "$J/entries"
        }
        record_firewalld() {
          record_path /etc/firewalld
          n=$(seq); printf '%s\tfirewalld\t-\n' "$n" >> "$J/entries"
        }
        """;

    /// <summary>
    /// Undoes a journal: newest entry first. Paths come back exactly (or go, if they were absent),
    /// packages installed since are purged (apt) or removed (dnf), firewalld reloads its restored
    /// permanent config, and units return to their recorded active/enabled state — restarted, so
    /// they run on the restored files. Upgrades stay: the old versions are often gone from the
    /// repositories (Fedora's updates keep only the newest), so a downgrade would fail the undo.
    /// </summary>
    public const string Restore = InstalledPackages + "\n" + """
        set -u
        [ -d "$J" ] || { echo "no journal at $J" >&2; exit 3; }
        rc=0
        reload_fw=0
        : > "$J/units.restore"
        sort -t '	' -k1,1rn "$J/entries" > "$J/entries.reverse"
        restore_paths() {
          while IFS='	' read -r n kind a b c; do
            [ "$kind" = path ] || continue
            rm -rf -- "$a"
            if [ "$b" = absent ] && [ -n "$c" ]; then
              d=$(dirname "$a"); while [ "$d" != "$c" ] && [ "$d" != / ]; do rmdir -- "$d" 2>/dev/null || break; d=$(dirname "$d"); done
            fi
            if [ "$b" = present ]; then tar --xattrs -xpf "$J/files/$n.tar" -C / 2>/dev/null || tar -xpf "$J/files/$n.tar" -C / || rc=1; fi
            command -v restorecon >/dev/null 2>&1 && [ -e "$a" ] && restorecon -R "$a" 2>/dev/null || true
          done < "$J/entries.reverse"
        }
        # Paths first, so services the package removal restarts find their old configuration ...
        restore_paths
        while IFS='	' read -r n kind a b c; do
          case "$kind" in
            apt|dnf)
              [ -f "$a" ] || continue
              installed_packages "$kind" > "$J/packages.now"
              new=$(comm -13 "$a" "$J/packages.now" | tr '\n' ' ')
              [ -n "$new" ] || continue
              # </dev/null: the loop's entries are on stdin.
              if [ "$kind" = apt ]; then DEBIAN_FRONTEND=noninteractive apt-get -y -q purge -- $new </dev/null >/dev/null || rc=1
              else dnf -y -q remove -- $new </dev/null >/dev/null || rc=1; fi ;;
            unit) printf '%s\t%s\t%s\n' "$a" "$b" "$c" >> "$J/units.restore" ;;
            firewalld) reload_fw=1 ;;
          esac
        done < "$J/entries.reverse"
        # ... and again after it: a purge may delete what was there before the stage (Debian's
        # certbot purge removes /etc/letsencrypt). Restoring a path twice gives the same result.
        restore_paths
        if [ "$reload_fw" = 1 ] && firewall-cmd --state >/dev/null 2>&1; then firewall-cmd -q --reload || rc=1; fi
        systemctl daemon-reload 2>/dev/null || true
        # The earliest record of a unit is its state before the stage.
        tac "$J/units.restore" | awk -F '	' '!seen[$1]++' | while IFS='	' read -r u active enabled; do
          # A unit whose package the restore removed may still run from memory: stop it.
          if [ "$(systemctl show -p LoadState --value -- "$u" 2>/dev/null)" != loaded ]; then
            systemctl stop -- "$u" 2>/dev/null; systemctl reset-failed -- "$u" 2>/dev/null; continue
          fi
          case "$enabled" in enabled|enabled-runtime|alias|static|indirect) systemctl -q enable -- "$u" 2>/dev/null || true ;; disabled) systemctl -q disable -- "$u" 2>/dev/null || true ;; esac
          case "$active" in active|reloading|activating) systemctl restart -- "$u" || rc=1 ;; *) systemctl stop -- "$u" 2>/dev/null || true ;; esac
        done
        echo rolled-back > "$J/state"
        exit $rc
        """;

    /// <summary>Lists journals a dead controller left open, oldest first: one directory per line.</summary>
    public const string FindOpen = $$"""
        for s in {{Root}}/*/*/state; do [ -f "$s" ] && [ "$(cat "$s")" = open ] && echo "${s%/state}"; done; true
        """;

    /// <summary>Keeps the newest journals of each stage only, so the host does not fill up.</summary>
    public const string Prune = $$"""
        cd {{Root}} 2>/dev/null || exit 0
        ls -1t | tail -n +11 | while read -r d; do rm -rf -- "$d"; done
        """;
}
