#!/bin/sh
# One firewalld task's changes in one process. Arguments: firewall-cmd calls (each one's arguments
# after "firewall-cmd"), separated by ';' arguments. A call is [--permanent] --zone=ZONE --OPTION=VALUE,
# OPTION one of add-/remove-service, add-/remove-port, add-/remove-source, add-/remove-rich-rule,
# change-interface, remove-interface: what FirewalldPlanner plans.
#
# Each firewall-cmd is a Python start-up of ~0.3 s and a task plans up to two per item, so one python3
# process with dbus-python (firewalld needs it, so a host with firewalld has it) makes the D-Bus calls
# firewall-cmd would make: at runtime the FirewallD1.zone methods, permanent the config zone object's
# (a permanent --change-interface: out of the zone firewalld's config has the NIC in, into ZONE). It
# calls only the bus name's current owner, so a stopped firewalld is not started by D-Bus activation.
# As with firewall-cmd, ALREADY_ENABLED, NOT_ENABLED, ZONE_ALREADY_SET and ALREADY_SET are warnings;
# any other error stops at that call, fails, and names it. Without python3, dbus-python or a system
# bus: each call made by firewall-cmd itself, in order, the first that fails stopping the rest.

# Exit 75: no dbus module or no system bus (take firewall-cmd).
write_python() {
    python3 - "$@" <<'PY'
import sys
try:
    import dbus
except ImportError:
    sys.exit(75)
FW = "org.fedoraproject.FirewallD1"
PATH = "/org/fedoraproject/FirewallD1"
WARNINGS = ("ALREADY_ENABLED", "NOT_ENABLED", "ZONE_ALREADY_SET", "ALREADY_SET")
RUNTIME = {  # option -> FirewallD1.zone method and whether it takes a timeout (0: for good)
    "add-service": ("addService", True), "remove-service": ("removeService", False),
    "add-port": ("addPort", True), "remove-port": ("removePort", False),
    "add-source": ("addSource", False), "remove-source": ("removeSource", False),
    "add-rich-rule": ("addRichRule", True), "remove-rich-rule": ("removeRichRule", False),
    "change-interface": ("changeZoneOfInterface", False), "remove-interface": ("removeInterface", False),
}
PERMANENT = {  # option -> the config zone object's method
    "add-service": "addService", "remove-service": "removeService",
    "add-port": "addPort", "remove-port": "removePort",
    "add-source": "addSource", "remove-source": "removeSource",
    "add-rich-rule": "addRichRule", "remove-rich-rule": "removeRichRule",
    "change-interface": "addInterface", "remove-interface": "removeInterface",
}


def parse(words):
    """[--permanent] --zone=ZONE --OPTION=VALUE -> (permanent, zone, option, values)."""
    permanent = words[:1] == ["--permanent"]
    rest = words[1:] if permanent else words
    if len(rest) != 2 or not rest[0].startswith("--zone=") or "=" not in rest[1]:
        return None
    option, value = rest[1][2:].split("=", 1)
    if option not in RUNTIME:
        return None
    values = [value]
    if option.endswith("-port"):
        values = value.split("/")
        if len(values) != 2:
            return None
    return permanent, rest[0][len("--zone="):], option, values


calls, words = [], []
for word in sys.argv[1:] + [";"]:
    if word != ";":
        words.append(word)
        continue
    call = parse(words)
    if call is None:
        sys.stderr.write("firewalld-write: cannot make the call firewall-cmd %s\n" % " ".join(words))
        sys.exit(2)
    calls.append((" ".join(words), call))
    words = []

try:
    bus = dbus.SystemBus()
    owner = bus.get_name_owner(FW) if bus.name_has_owner(FW) else None
except dbus.DBusException:
    sys.exit(75)
if owner is None:
    sys.stderr.write("FirewallD is not running\n")
    sys.exit(252)
# Only the current owner is called: a unique name is never activated.
fw = bus.get_object(owner, PATH, introspect=False)
config = bus.get_object(owner, PATH + "/config", introspect=False)


def zone_object(zone):
    path = config.getZoneByName(zone, dbus_interface=FW + ".config")
    return bus.get_object(owner, path, introspect=False)


def make(permanent, zone, option, values):
    if not permanent:
        method, timeout = RUNTIME[option]
        getattr(fw, method)(zone, *values, *([0] if timeout else []), dbus_interface=FW + ".zone")
        return
    target = zone_object(zone)
    if option == "change-interface":
        old = config.getZoneOfInterface(values[0], dbus_interface=FW + ".config")
        if old == zone:
            return
        if old:
            zone_object(old).removeInterface(values[0], dbus_interface=FW + ".config.zone")
    getattr(target, PERMANENT[option])(*values, dbus_interface=FW + ".config.zone")


for text, call in calls:
    try:
        make(*call)
    except dbus.DBusException as e:
        message = e.get_dbus_message() or e.get_dbus_name() or str(e)
        if message.split(":")[0] in WARNINGS:
            sys.stderr.write("Warning: %s\n" % message)
            continue
        sys.stderr.write("firewall-cmd %s (over D-Bus): Error: %s\n" % (text, message))
        sys.exit(1)
PY
}

# firewall-cmd with the first N of the arguments after N.
first() {
    n=$1; shift; total=$# i=0
    for a in "$@"; do i=$((i + 1)); if [ "$i" -le "$n" ]; then set -- "$@" "$a"; fi; done
    shift "$total"
    firewall-cmd "$@"
}

if command -v python3 >/dev/null 2>&1; then
    write_python "$@"
    rc=$?
    [ "$rc" = 75 ] || exit "$rc"
fi
while [ $# -gt 0 ]; do
    n=0
    for a in "$@"; do if [ "$a" = ';' ]; then break; fi; n=$((n + 1)); done
    first "$n" "$@" || exit
    shift "$n"
    if [ $# -gt 0 ]; then shift; fi
done
