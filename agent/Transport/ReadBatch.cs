namespace Provisioner.Transport;

/// <summary>
/// Several read-only commands sent as one (read-batch.sh): each runs in its own <c>sh -c</c> (its text
/// passed whole, so its own quoting stays as built), stdin from /dev/null, and its answer comes back
/// followed by a line that marks its end and carries its exit status. The marker holds a random token,
/// so no read's output can end another's. Only what a read prints on stdout comes back: a read that
/// failed is run again on its own by its task, which then sees its error as always.
/// </summary>
public sealed class ReadBatch
{
    private static readonly HostScript Script = HostScript.Load("read-batch.sh");
    private readonly string _token = "@@provision-read-" + Guid.NewGuid().ToString("N");

    public ReadBatch(IReadOnlyList<Command> reads)
    {
        if (reads.Any(r => !Fits(r))) throw new ArgumentException("only read-only commands without input or secrets can be batched", nameof(reads));
        Reads = reads;
    }

    public IReadOnlyList<Command> Reads { get; }

    /// <summary>Read-only, no input (it could be secret, and the batch has one stdin), no secret argument (the batch is logged whole).</summary>
    public static bool Fits(Command c) => c.ReadOnly && c.Stdin is null && !c.HasSecret && c.Render().Length > 0;

    /// <summary>The one command that runs every read; as read-only as they are.</summary>
    public Command Command => Command.Script(Script.Inline([_token, .. Reads.Select(r => r.Render())]), readOnly: true)
        with { Become = Reads.Count > 0 && Reads[0].Become };

    /// <summary>Each read's result from the batch's output, in order; null where the output ends before its marker.</summary>
    public IReadOnlyList<CommandResult?> Parse(string stdout, TimeSpan elapsed)
    {
        var results = new CommandResult?[Reads.Count];
        var share = Reads.Count == 0 ? TimeSpan.Zero : elapsed / Reads.Count;
        var marker = "\n" + _token + " ";
        var at = 0;
        for (var i = 0; i < Reads.Count; i++)
        {
            var end = stdout.IndexOf(marker, at, StringComparison.Ordinal);
            if (end < 0) break;
            var statusStart = end + marker.Length;
            var lineEnd = stdout.IndexOf('\n', statusStart);
            if (lineEnd < 0) break;
            if (int.TryParse(stdout.AsSpan(statusStart, lineEnd - statusStart), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status))
                results[i] = new CommandResult(status, stdout[at..end], "", share);
            at = lineEnd + 1;
        }
        return results;
    }
}
