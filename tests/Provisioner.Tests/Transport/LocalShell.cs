using System.Diagnostics;
using System.Text;

namespace Provisioner.Tests.Transport;

/// <summary>Runs /bin/sh locally: the quoting and scripts are proved against a real POSIX shell, not a model of one.</summary>
internal static class LocalShell
{
    public sealed record Result(int Exit, string Stdout, string Stderr);

    public static Result Run(string script, byte[]? stdin = null, params string[] extraArgs)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var a in extraArgs) psi.ArgumentList.Add(a);

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.BaseStream.Write(stdin);
        p.StandardInput.Close();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Splits printf '%s\0' output back into the strings printed.</summary>
    public static string[] NulSeparated(string output)
    {
        output.ShouldEndWith("\0");
        return output[..^1].Split('\0');
    }
}
