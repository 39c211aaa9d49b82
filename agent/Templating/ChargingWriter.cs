using System.Text;

namespace Provisioner.Templating;

/// <summary>
/// Passes text on and reports how much first, so a limit stops it before it grows. Fluid writes to
/// buffers of its own (capture, ifchanged) as well as to the output; wrapping whatever writer a
/// statement is given counts text wherever it goes. Writes stay synchronous, on the render's thread.
/// </summary>
internal sealed class ChargingWriter(TextWriter inner, Action<int> charge) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        charge(1);
        inner.Write(value);
    }

    public override void Write(string? value)
    {
        charge(value?.Length ?? 0);
        inner.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        charge(count);
        inner.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        charge(buffer.Length);
        inner.Write(buffer);
    }

    public override Task WriteAsync(char value) { Write(value); return Task.CompletedTask; }
    public override Task WriteAsync(string? value) { Write(value); return Task.CompletedTask; }
    public override Task WriteAsync(char[] buffer, int index, int count) { Write(buffer, index, count); return Task.CompletedTask; }
    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) { Write(buffer.Span); return Task.CompletedTask; }
    public override Task FlushAsync() => Task.CompletedTask;

    /// <summary>A buffer for one render's output that refuses to grow past the output limit.</summary>
    public static (StringWriter Buffer, TextWriter Writer) Output()
    {
        var buffer = new StringWriter();
        var written = 0L;
        return (buffer, new ChargingWriter(buffer, n => { if ((written += n) > TemplateLimits.MaxOutputChars) throw TemplateLimits.Output(); }));
    }
}
