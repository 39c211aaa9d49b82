using System.Text;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// Asks the person at the terminal for a secret without echoing it. Without a terminal (CI, a pipe)
/// it refuses at once instead of waiting for input that will never come.
/// </summary>
public static class TerminalPrompt
{
    public static string? ReadSecret(string prompt, string option, Diagnostics d)
    {
        if (Console.IsInputRedirected)
        {
            d.Add(SourceSpan.CommandLine(option), "needs a terminal to ask for the password, and standard input is not one",
                option.Contains("vault", StringComparison.Ordinal)
                    ? "use --vault-password-file FILE (or ANSIBLE_VAULT_PASSWORD_FILE) instead"
                    : "set become_password (tagged !secret, or in a *.secret.yml / vault file) instead");
            return null;
        }
        // Asking whether a key is waiting switches the terminal to read mode (no echo) and leaves it so;
        // ReadKey alone would do that only after the prompt is out, and a key typed or pasted in between
        // would be echoed.
        _ = Console.KeyAvailable;
        Console.Error.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (secret.Length > 0) secret.Length--; continue; }
            if (!char.IsControl(key.KeyChar)) secret.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return secret.ToString();
    }
}
