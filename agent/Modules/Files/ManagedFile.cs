using System.Text;
using Provisioner.Transport;

namespace Provisioner.Modules.Files;

/// <summary>A file whose whole content and attributes the playbook owns (copy, template).</summary>
public sealed record ManagedFile(string Dest, byte[] Content, string? Mode, string? Owner, string? Group, bool Secret)
{
    /// <summary>The task's <c>validate:</c> — a command the stage runs once after its tasks (a <see cref="CommandGate"/>).</summary>
    public string? Validate { get; init; }

    /// <summary>The stage check a changed file asks for: its validate command, if it has one.</summary>
    public StageGate? Gate => Validate is { Length: > 0 } v ? new CommandGate(v) : null;

    /// <summary>The validate argument as copy and template declare it.</summary>
    public static ArgDef ValidateArg => new("validate", ArgType.String,
        Help: "a command that checks the configuration (doveconf -n, nginx -t): run once after the stage's tasks, before its handlers; non-zero rolls the stage back");
}

/// <summary>Plans the upload and attribute fixes that bring a path to a <see cref="ManagedFile"/>.</summary>
public static class ManagedFilePlanner
{
    public const string DefaultMode = "0644";

    public static Plan Plan(ManagedFile want, FileState have)
    {
        if (have.Kind is FileKind.Directory or FileKind.Other)
            return Modules.Plan.Block($"{want.Dest} is a {have.Kind.ToString().ToLowerInvariant()}, not a file; remove it or choose another dest");

        var contentDiffers = !have.HasContent(want.Content);
        if (contentDiffers)
        {
            var mode = want.Mode ?? (have.Kind == FileKind.File ? have.Mode : null) ?? DefaultMode;
            var upload = new FileUpload(want.Dest, want.Content, mode, want.Owner, want.Group, want.Secret);
            var changes = new List<Change> { new(want.Dest, ChangeKind.Content, have.Kind == FileKind.File ? Text(have.Content, have.Size) : null, Text(want.Content, want.Content.Length), want.Secret) };
            if (have.Kind == FileKind.File) changes.AddRange(AttributeChanges(want, have));
            return new Plan([new UploadStep(upload, have.Exists ? $"write {want.Dest}" : $"create {want.Dest}")], changes) { Provides = [Provided.Path(want.Dest)] };
        }
        return Attributes(want.Dest, want.Mode, want.Owner, want.Group, have);
    }

    /// <summary>chmod/chown steps for a path that exists; shared with the file module.</summary>
    public static Plan Attributes(string path, string? mode, string? owner, string? group, FileState have)
    {
        var steps = new List<Step>();
        var changes = new List<Change>();
        if (mode is not null && mode != have.Mode)
        {
            steps.Add(new CommandStep(Command.Of("chmod", mode, "--", path), $"chmod {mode} {path}"));
            changes.Add(new Change($"{path} mode", ChangeKind.Value, have.Mode, mode));
        }
        var ownerDiffers = owner is not null && !have.OwnedBy(owner);
        var groupDiffers = group is not null && !have.InGroup(group);
        if (ownerDiffers || groupDiffers)
        {
            var spec = (ownerDiffers ? owner : have.Owner) + (group is not null ? ":" + group : "");
            steps.Add(new CommandStep(Command.Of("chown", "-h", spec, "--", path), $"chown {spec} {path}"));
            if (ownerDiffers) changes.Add(new Change($"{path} owner", ChangeKind.Value, have.Owner, owner));
            if (groupDiffers) changes.Add(new Change($"{path} group", ChangeKind.Value, have.Group, group));
        }
        return new Plan(steps, changes);
    }

    private static IEnumerable<Change> AttributeChanges(ManagedFile want, FileState have)
    {
        if (want.Mode is not null && want.Mode != have.Mode) yield return new Change($"{want.Dest} mode", ChangeKind.Value, have.Mode, want.Mode);
        if (want.Owner is not null && !have.OwnedBy(want.Owner)) yield return new Change($"{want.Dest} owner", ChangeKind.Value, have.Owner, want.Owner);
        if (want.Group is not null && !have.InGroup(want.Group)) yield return new Change($"{want.Dest} group", ChangeKind.Value, have.Group, want.Group);
    }

    /// <summary>Content as text for diffs; binary or unread content is summarised instead.</summary>
    public static string Text(byte[]? content, long size)
    {
        if (content is null) return $"(not read: {size} bytes)\n";
        if (content.AsSpan().IndexOf((byte)0) >= 0) return $"(binary: {content.Length} bytes)\n";
        return Encoding.UTF8.GetString(content);
    }
}
