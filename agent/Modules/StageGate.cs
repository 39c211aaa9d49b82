using Provisioner.Transport;

namespace Provisioner.Modules;

/// <summary>
/// A check a stage must pass once its tasks have run and before its handlers: declared by the
/// modules whose changes it validates (postconf: <c>postfix check</c>), run once however many of the
/// stage's tasks asked for it. A failure — or a warning the stage brought — fails the stage, which then
/// rolls back as a whole. Gates with the same <see cref="Name"/> are one gate.
/// </summary>
public abstract record StageGate(string Name)
{
    /// <summary>The check, run as root on the host; <paramref name="journal"/> is the stage journal's directory (for what was there before).</summary>
    public abstract Command Check(string journal);
}

/// <summary>A user's validator (a task's <c>validate:</c>): the stage fails when it exits non-zero.</summary>
public sealed record CommandGate(string Text) : StageGate($"validate: {Text}")
{
    public override Command Check(string journal) => Command.Script(Text);
}
