namespace Provisioner.Transport;

/// <summary>
/// The one remote sh script that lands an upload atomically. Content arrives on stdin, is written
/// to a fresh temp file beside the destination (same filesystem, so the final <c>mv</c> is an
/// atomic rename), gets its owner, mode and SELinux label, then replaces the destination.
/// Readers never see a half-written file or one with the wrong mode. The EXIT trap removes the
/// temp file on any failure (after a successful mv there is nothing left to remove).
/// </summary>
/// <remarks>
/// Unset owner, group or mode are kept from the file being replaced; a new file gets the login
/// user (root under become) and mode 0644. Keeping beats resetting: replacing a 0600 secret with
/// a world-readable copy because the task did not repeat the mode would be a leak.
/// </remarks>
public static class UploadScript
{
    public const string TempPattern = ".provision-XXXXXXXX.tmp";

    public static string Build(FileUpload upload)
    {
        if (!upload.Path.StartsWith('/'))
            throw new ArgumentException($"upload destination must be an absolute path, got '{upload.Path}'", nameof(upload));

        var lines = new List<string>
        {
            "set -e",
            "d=" + ShellQuote.Quote(upload.Path),
            "t=$(mktemp " + ShellQuote.Quote(DirectoryOf(upload.Path) + TempPattern) + ")",
            "trap 'rm -f \"$t\"' EXIT",
            "cat > \"$t\"",
            "if [ -e \"$d\" ]; then chown --reference=\"$d\" \"$t\"; chmod --reference=\"$d\" \"$t\"; else chmod 0644 \"$t\"; fi",
        };
        lines.AddRange(OwnershipCommands(upload.Owner, upload.Group));
        if (upload.Mode is { } mode) lines.Add("chmod -- " + ShellQuote.Quote(mode) + " \"$t\"");
        lines.Add("if " + SelinuxOn + " && [ -e \"$d\" ]; then chcon --reference=\"$d\" \"$t\"; fi");
        // -T: never move *into* the destination if it turns out to be a directory.
        lines.Add("mv -f -T \"$t\" \"$d\"");
        lines.Add("if " + SelinuxOn + "; then restorecon \"$d\"; fi");
        return string.Join('\n', lines);
    }

    /// <summary>The transport command for an upload: script plus content on stdin, never retried.</summary>
    public static Command ToCommand(FileUpload upload) => new()
    {
        ScriptText = Build(upload),
        Stdin = upload.Content,
        SecretStdin = upload.Secret,
        Become = upload.Become,
        ReadOnly = false,
    };

    private const string SelinuxOn = "command -v selinuxenabled >/dev/null 2>&1 && selinuxenabled";

    private static IEnumerable<string> OwnershipCommands(string? owner, string? group) => (owner, group) switch
    {
        ({ } o, { } g) => ["chown -- " + ShellQuote.Quote(o + ":" + g) + " \"$t\""],
        ({ } o, null) => ["chown -- " + ShellQuote.Quote(o) + " \"$t\""],
        (null, { } g) => ["chgrp -- " + ShellQuote.Quote(g) + " \"$t\""],
        _ => [],
    };

    private static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..(slash + 1)];
    }
}
