namespace Provisioner.Journal;

/// <summary>
/// Something a stage is about to touch, recorded before the first change so it can be restored.
/// <see cref="Kind"/> and <see cref="Argument"/> are how journal.sh records it.
/// </summary>
public abstract record JournalItem
{
    public abstract string Kind { get; }
    public abstract string Argument { get; }

    /// <summary>A change to it can cut the controller off the host: the host guards it with a timer that undoes the stage.</summary>
    public virtual bool CanCutAccess => false;
}

/// <summary>A file or directory, recorded whole (or as absent, so the undo removes it).</summary>
public sealed record JournalFile(string Path) : JournalItem
{
    public override string Kind => "path";
    public override string Argument => Path;
}

/// <summary>
/// A path a step creates only when it is absent (useradd -m never touches an existing home): its
/// absence is recorded, so the undo removes it; a path already there is left alone.
/// </summary>
public sealed record JournalNewPath(string Path) : JournalItem
{
    public override string Kind => "newpath";
    public override string Argument => Path;
}

public sealed record JournalUnit(string Unit) : JournalItem
{
    public override string Kind => "unit";
    public override string Argument => Unit;

    /// <summary>Starting (or restarting) a firewall applies its whole configuration, which may shut the controller out.</summary>
    public override bool CanCutAccess => Unit is "firewalld" or "firewalld.service" or "nftables" or "nftables.service";
}

/// <summary>Zones live together in /etc/firewalld: one copy of it restores any of them.</summary>
public sealed record JournalFirewallZone(string Zone) : JournalItem
{
    public override string Kind => "firewalld";
    public override string Argument => "/etc/firewalld";
    public override bool CanCutAccess => true;
}

/// <summary>
/// The NetworkManager connection profile active on a device (its firewall zone, connection.zone, is
/// part of it): restored as a file, then reapplied to the device.
/// </summary>
public sealed record JournalNmConnection(string Device) : JournalItem
{
    public override string Kind => "nmconnection";
    public override string Argument => Device;
    public override bool CanCutAccess => true;
}

/// <summary>
/// The installed package list with versions: the undo removes what the stage added, installs again
/// what it removed, and takes <see cref="Names"/> (the packages the task names) back to their versions.
/// </summary>
public sealed record JournalPackages(IReadOnlyList<string> Names, string Manager) : JournalItem
{
    public override string Kind => "packages";
    public override string Argument => Manager;
}
