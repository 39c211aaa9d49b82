using System.Diagnostics;
using Provisioner.Yaml;

namespace Provisioner.Vault;

/// <summary>
/// Runs a vault password script (a client of a password manager) within bounds: it must finish, and
/// close its output, within <see cref="Timeout"/>, and print at most <see cref="MaxOutputBytes"/> —
/// one printing without end was read until memory ran out (1.6 GB). Its output is never shown. A
/// client script (<see cref="VaultClientScript"/>) is asked for one vault id's password.
/// </summary>
internal static class VaultScript
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>A password, with room for a trailing newline and more; far below anything that could hurt.</summary>
    public const int MaxOutputBytes = 64 * 1024;

    /// <param name="vaultId">The vault id the password is for; a client script is asked for it.</param>
    public static string? Run(string path, SourceSpan at, Diagnostics d, string? vaultId = null) => Run(path, at, d, Timeout, vaultId);

    internal static string? Run(string path, SourceSpan at, Diagnostics d, TimeSpan timeout, string? vaultId = null)
    {
        var psi = new ProcessStartInfo(Path.GetFullPath(path)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var arguments = VaultClientScript.Arguments(path, vaultId);
        foreach (var argument in arguments) psi.ArgumentList.Add(argument);
        Process process;
        try { process = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            d.Add(at, $"cannot run the vault password script: {e.Message}", "check its first line (#!) and that it is executable");
            return null;
        }
        using (process)
        using (var deadline = new CancellationTokenSource(timeout))
        {
            var output = ReadAsync(process.StandardOutput.BaseStream, MaxOutputBytes, deadline.Token);
            var errors = ReadAsync(process.StandardError.BaseStream, 0, deadline.Token); // drained, never kept: it may echo the password
            string? problem = null;
            try
            {
                if (output.GetAwaiter().GetResult() is null) problem = $"the vault password script printed more than {MaxOutputBytes / 1024} KiB";
                else process.WaitForExitAsync(deadline.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                problem = $"the vault password script did not finish within {timeout.TotalSeconds:0} s";
            }
            if (problem is not null)
            {
                Kill(process);
                d.Add(at, problem, "run it by hand: it must print the password and end");
                return null;
            }
            deadline.Cancel(); // the script ended; a child of it may still hold stderr open
            if (process.ExitCode != 0)
            {
                // Its standard error is not shown: a script may print the password there.
                if (arguments.Count > 0 && process.ExitCode == VaultClientScript.UnknownIdExit)
                    d.Add(at, $"the vault password client script has no password for vault id '{vaultId}' (it exited 2, a client script's answer for an unknown vault id)",
                        $"store a password for '{vaultId}' where the script looks, or give the id it knows: --vault-id ID@FILE (--vault-password-file and vault_password_file ask for '{VaultClientScript.DefaultId}')");
                else
                    d.Add(at, $"the vault password script failed (exit {process.ExitCode})", "run it by hand to see why");
                return null;
            }
            var password = System.Text.Encoding.UTF8.GetString(output.Result!).Trim();
            if (password.Length == 0) d.Add(at, "the vault password script printed nothing", "make it print the password");
            return password.Length == 0 ? null : password;
        }
    }

    /// <summary>Everything up to end of file, or null past <paramref name="limit"/> bytes (0: read and dropped).</summary>
    private static async Task<byte[]?> ReadAsync(Stream stream, int limit, CancellationToken ct)
    {
        var kept = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        while ((n = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            if (limit == 0) continue;
            if (kept.Length + n > limit) return null;
            kept.Write(buffer, 0, n);
        }
        return kept.ToArray();
    }

    private static void Kill(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // it ended meanwhile
    }
}
