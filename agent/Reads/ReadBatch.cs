using Provisioner.Transport;

namespace Provisioner.Reads;

/// <summary>
/// Several read-only commands sent as one (read-batch.sh): each runs in its own <c>sh -c</c> (its text
/// passed whole, so its own quoting stays as built), stdin its line of the batch's stdin (a password to
/// compare: never in the text, which is logged) or /dev/null, and its answer comes back
/// followed by a line that marks its end and carries its exit status. The marker holds a random token,
/// so no read's output can end another's. Only what a read prints on stdout comes back: a read that
/// failed is run again on its own by its task, which then sees its error as always. Reads of one joint
/// (<see cref="AheadRead.Joint"/>: a path's file read, a unit's read) are made together by one command.
/// </summary>
public sealed class ReadBatch
{
    private static readonly HostScript Script = HostScript.Load("read-batch.sh");
    private readonly string _token = "@@provision-read-" + Guid.NewGuid().ToString("N");
    // What the batch runs, in order: a read alone, or every read of one joint made by one command.
    private readonly List<(Command Command, int[] Reads, IReadJoint? Joint)> _entries = [];

    public ReadBatch(IReadOnlyList<AheadRead> reads)
    {
        if (reads.Any(r => !Fits(r.Command))) throw new ArgumentException("only read-only commands without secret arguments, with a line of input at most, can be batched", nameof(reads));
        Reads = reads;
        var joints = reads.Select((r, i) => (r.Joint, i)).Where(x => x.Joint is not null && reads[x.i].Command.Stdin is null)
            .GroupBy(x => x.Joint!.Joint).Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray());
        for (var i = 0; i < reads.Count; i++)
        {
            if (reads[i].Joint is not { } part || reads[i].Command.Stdin is not null || !joints.TryGetValue(part.Joint, out var members)) _entries.Add((reads[i].Command, [i], null));
            else if (members[0] == i) _entries.Add((part.Joint.Join([.. members.Select(m => reads[m].Joint!)]), members, part.Joint));
        }
    }

    public IReadOnlyList<AheadRead> Reads { get; }

    /// <summary>
    /// Read-only, no secret argument (the batch is logged whole), and input — if any — of one line (the
    /// batch hands each read its line of the batch's stdin: a password to compare never joins the text).
    /// </summary>
    public static bool Fits(Command c) => c.ReadOnly && !c.Argv.Any(a => a.Secret) && c.Render().Length > 0 && (c.Stdin is null || IsOneLine(c.Stdin));

    /// <summary>One line ending in a newline, without NUL (a shell variable cannot hold one).</summary>
    private static bool IsOneLine(byte[] input) =>
        input.Length > 0 && input[^1] == (byte)'\n' && Array.IndexOf(input, (byte)'\n') == input.Length - 1 && Array.IndexOf(input, (byte)0) < 0;

    /// <summary>The one command that runs every read; as read-only as they are; the reads' input lines its stdin.</summary>
    public Command Command
    {
        get
        {
            var inputs = _entries.Where(e => e.Command.Stdin is not null).ToList();
            return Command.Script(Script.Inline([_token, .. _entries.Select(e => (e.Command.Stdin is null ? "0" : "1") + e.Command.Render())]), readOnly: true) with
            {
                Become = Reads.Count > 0 && Reads[0].Command.Become,
                Stdin = inputs.Count == 0 ? null : [.. inputs.SelectMany(e => e.Command.Stdin!)],
                SecretStdin = inputs.Any(e => e.Command.SecretStdin),
            };
        }
    }

    /// <summary>Each read's result from the batch's output, in order; null where the output ends before its marker or its joint cannot tell.</summary>
    public IReadOnlyList<CommandResult?> Parse(string stdout, TimeSpan elapsed)
    {
        var results = new CommandResult?[Reads.Count];
        var share = _entries.Count == 0 ? TimeSpan.Zero : elapsed / _entries.Count;
        var marker = "\n" + _token + " ";
        var at = 0;
        foreach (var (_, reads, joint) in _entries)
        {
            var end = stdout.IndexOf(marker, at, StringComparison.Ordinal);
            if (end < 0) break;
            var statusStart = end + marker.Length;
            var lineEnd = stdout.IndexOf('\n', statusStart);
            if (lineEnd < 0) break;
            if (int.TryParse(stdout.AsSpan(statusStart, lineEnd - statusStart), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status))
            {
                var output = stdout[at..end];
                if (joint is null) results[reads[0]] = new CommandResult(status, output, "", share);
                else if (status == 0)
                {
                    var each = joint.Split(output, [.. reads.Select(r => Reads[r].Joint!)]);
                    for (var k = 0; k < reads.Length; k++)
                        if (each[k] is { } alone) results[reads[k]] = new CommandResult(0, alone, "", share / reads.Length);
                }
            }
            at = lineEnd + 1;
        }
        return results;
    }
}
