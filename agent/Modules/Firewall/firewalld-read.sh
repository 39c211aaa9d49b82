#!/bin/sh
# firewalld's whole state in one call: every zone in the runtime and the permanent configuration,
# and NetworkManager's connection (and its zone) of each device. Sections start with "@@ NAME".
#
# Over D-Bus: each firewall-cmd is a Python start-up of ~0.25 s, so the calls are made by one
# python3 process with dbus-python (firewalld itself needs it, so a host with firewalld has it; a
# whole read ~0.15 s), else by busctl, one short process per call (~30 calls, ~0.7 s). A read must
# never start a stopped firewalld through D-Bus activation: python3 calls the name's current owner
# only, busctl says --auto-start=no. Sections then:
#   @@ dbus-python              (only from python3: which client answered)
#   @@ dbus-default             getDefaultZone as busctl's JSON ({"data": [OUT]})
#   @@ dbus-runtime ZONE        getZoneSettings2 (runtime) of each zone
#   @@ dbus-permanent ZONE      the permanent zone object's getSettings2
# Without either (a host without systemd's tools), firewall-cmd's listings: @@ permanent, @@ runtime.
# Either way "@@ not-installed" or "@@ not-running" alone when firewalld cannot be read.

command -v firewall-cmd >/dev/null 2>&1 || { echo '@@ not-installed'; exit 0; }

fw=org.fedoraproject.FirewallD1
path=/org/fedoraproject/FirewallD1

bus() { # busctl call, plain output; fails the read (stderr says why) when the call fails
    busctl --auto-start=no call "$fw" "$@"
}

bus_json() {
    busctl --auto-start=no --json=short call "$fw" "$@"
}

# Words of a plain busctl answer without its signature and count, e.g. 'as 2 "a" "b"' -> a b.
# Zone names are firewalld identifiers (letters, digits, '_', '-'), never quoted or spaced.
# Builtins only: the words are split on purpose.
words() {
    # shellcheck disable=SC2086
    set -- $1
    shift 2
    for w; do w=${w#\"}; printf '%s\n' "${w%\"}"; done
}

read_dbus() {
    # No owner of the name (firewalld stopped), or firewalld up but not RUNNING (INIT, FAILED).
    state=$(busctl --auto-start=no get-property "$fw" "$path" "$fw" state 2>/dev/null) || { echo '@@ not-running'; exit 0; }
    [ "$state" = 's "RUNNING"' ] || { echo '@@ not-running'; exit 0; }
    echo '@@ dbus-default'
    bus_json "$path" "$fw" getDefaultZone || return 1
    zones=$(bus "$path" "$fw.zone" getZones) || return 1
    for z in $(words "$zones"); do
        echo "@@ dbus-runtime $z"
        bus_json "$path" "$fw.zone" getZoneSettings2 s "$z" || return 1
    done
    names=$(bus "$path/config" "$fw.config" getZoneNames) || return 1
    for z in $(words "$names"); do
        object=$(bus "$path/config" "$fw.config" getZoneByName s "$z") || return 1
        echo "@@ dbus-permanent $z"
        object=${object#o \"}
        bus_json "${object%\"}" "$fw.config.zone" getSettings2 || return 1
    done
}

read_cli() {
    # --state alongside the first listing: each firewall-cmd is mostly Python start-up, so the
    # pair costs about one. Its answer still decides first, as if it had run alone.
    firewall-cmd --state >/dev/null 2>&1 & s=$!
    p=$(firewall-cmd --permanent --list-all-zones 2>/dev/null); r=$?
    wait $s || { echo '@@ not-running'; exit 0; }
    # A listing that fails while firewalld runs is an error, not "no zones": fail the read
    # (the failed listing is repeated for its message, on this error path only).
    [ $r = 0 ] || { firewall-cmd --permanent --list-all-zones >/dev/null; return 1; }
    echo '@@ permanent'; printf '%s\n' "$p"
    echo '@@ runtime'; firewall-cmd --list-all-zones || return 1
}

# Exit 75: python3 has no dbus module (take busctl); 76: it printed "@@ not-running" (stop there).
read_python() {
    python3 - <<'PY'
import json
import sys
try:
    import dbus
except ImportError:
    sys.exit(75)
FW = "org.fedoraproject.FirewallD1"
PATH = "/org/fedoraproject/FirewallD1"


def not_running():
    print("@@ not-running")
    sys.exit(76)


def section(name, value):
    # busctl --json=short's shape: {"data": [OUT]}, each variant {"data": VALUE}; dbus-python's
    # values are subclasses of str, int, float, list, tuple and dict, which json writes as such.
    if isinstance(value, dict):
        value = {str(k): {"data": v} for k, v in value.items()}
    print("@@ " + name)
    print(json.dumps({"data": [value]}, separators=(",", ":")))


bus = dbus.SystemBus()
try:
    # Only the current owner is called: a unique name is never activated.
    owner = bus.get_name_owner(FW) if bus.name_has_owner(FW) else None
    if owner is None:
        not_running()
    fw = bus.get_object(owner, PATH, introspect=False)
    if str(fw.Get(FW, "state", dbus_interface="org.freedesktop.DBus.Properties")) != "RUNNING":
        not_running()
except dbus.DBusException:
    not_running()
try:
    print("@@ dbus-python")
    section("dbus-default", fw.getDefaultZone(dbus_interface=FW))
    for zone in fw.getZones(dbus_interface=FW + ".zone"):
        section("dbus-runtime " + zone, fw.getZoneSettings2(zone, dbus_interface=FW + ".zone"))
    config = bus.get_object(owner, PATH + "/config", introspect=False)
    for zone in config.getZoneNames(dbus_interface=FW + ".config"):
        path = config.getZoneByName(zone, dbus_interface=FW + ".config")
        settings = bus.get_object(owner, path, introspect=False).getSettings2(dbus_interface=FW + ".config.zone")
        section("dbus-permanent " + zone, settings)
except dbus.DBusException as e:
    sys.stderr.write("firewalld D-Bus call failed: %s\n" % e)
    sys.exit(1)
PY
}

read_zones() {
    if command -v python3 >/dev/null 2>&1; then
        read_python
        rc=$?
        [ "$rc" = 76 ] && exit 0
        [ "$rc" = 75 ] || return "$rc"
    fi
    if command -v busctl >/dev/null 2>&1; then read_dbus; else read_cli; fi
}

read_zones || exit 1

# The lab (and many servers) have no NetworkManager: then there is nothing to keep in step.
# Unescaped terse output: a device name has no ':', so the first one ends it.
if command -v nmcli >/dev/null 2>&1; then
    nmcli -t -e no -f DEVICE,CONNECTION device 2>/dev/null | while IFS= read -r l; do
        c=${l#*:}
        if [ -z "$c" ] || [ "$c" = -- ]; then continue; fi
        printf '@@ nm %s\n%s\n' "${l%%:*}" "$c"
        nmcli -g connection.zone connection show "$c" </dev/null 2>/dev/null
    done
fi
true
