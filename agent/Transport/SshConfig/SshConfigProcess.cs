using System.ComponentModel;
using System.Diagnostics;

namespace Provisioner.Transport.SshConfig;

/// <summary>Runs <c>ssh -G</c>. Null output means ssh is not installed; a problem is ssh's own complaint.</summary>
public static class SshConfigProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public sealed record Result(string? Output, string? Problem);

    public static Result Run(IReadOnlyList<string> arguments, string program = "ssh")
    {
        var psi = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (Win32Exception)
        {
            return new Result(null, null);
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill();
                return new Result("", $"did not answer within {Timeout.TotalSeconds:0} s (a 'Match exec' in the configuration?)");
            }
            if (process.ExitCode == 0) return new Result(stdout.Result, null);
            var complaint = stderr.Result.Split('\n').Select(l => l.Trim())
                .FirstOrDefault(l => l.Length > 0 && !l.StartsWith("Pseudo-terminal", StringComparison.Ordinal));
            return new Result("", complaint ?? $"exit {process.ExitCode}");
        }
    }
}
