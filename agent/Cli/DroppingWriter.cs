using System.Text;

namespace Provisioner.Cli;

/// <summary>
/// Standard error that survives a full device or a closed pipe (<c>2&gt;/dev/full</c>): a write that
/// fails, and every write after it, is dropped. There is nowhere left to tell the user, and the exit
/// code still says how the run went; before this, the failing write of an error message ended in
/// "internal error" and then, writing that too, in SIGABRT (exit 134).
/// </summary>
internal sealed class DroppingWriter(TextWriter inner) : TextWriter
{
    private bool _failed;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Try(() => inner.Write(value));
    public override void Write(string? value) => Try(() => inner.Write(value));
    public override void Write(char[] buffer, int index, int count) => Try(() => inner.Write(buffer, index, count));
    public override void WriteLine(string? value) => Try(() => inner.WriteLine(value));
    public override void Flush() => Try(inner.Flush);

    public override Task WriteAsync(char value) { Write(value); return Task.CompletedTask; }
    public override Task WriteAsync(string? value) { Write(value); return Task.CompletedTask; }
    public override Task WriteLineAsync(string? value) { WriteLine(value); return Task.CompletedTask; }
    public override Task FlushAsync() { Flush(); return Task.CompletedTask; }

    private void Try(Action write)
    {
        if (_failed) return;
        try { write(); }
        catch (IOException) { _failed = true; }
    }
}
