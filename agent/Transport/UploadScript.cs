namespace Provisioner.Transport;

/// <summary>
/// The one remote script that lands an upload atomically (upload.sh): content on stdin, written to a
/// fresh temp file beside the destination, owner, mode and SELinux label set, then renamed over it.
/// Unset owner, group or mode are kept from the file being replaced (see the script for why).
/// </summary>
public static class UploadScript
{
    public const string TempPattern = ".provision-XXXXXXXX.tmp";

    private static readonly HostScript Script = HostScript.Load("upload.sh");

    public static string Build(FileUpload upload)
    {
        if (!upload.Path.StartsWith('/'))
            throw new ArgumentException($"upload destination must be an absolute path, got '{upload.Path}'", nameof(upload));
        return Script.Inline(upload.Path, DirectoryOf(upload.Path) + TempPattern, upload.Mode ?? "", upload.Owner ?? "", upload.Group ?? "");
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

    private static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..(slash + 1)];
    }
}
