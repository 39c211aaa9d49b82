using Renci.SshNet;
using Renci.SshNet.Common;

namespace Provisioner.Transport;

/// <summary>
/// Loads the private key for a host. Problems come back as messages naming the inventory key to fix,
/// because a missing or locked key is a configuration error, not a network one.
/// </summary>
internal static class IdentityLoader
{
    private static readonly string[] Defaults = ["~/.ssh/id_ed25519", "~/.ssh/id_rsa"];

    public static (PrivateKeyFile? Key, string Path, string? Error) Load(HostConnection c)
    {
        var path = c.IdentityFile ?? Defaults.Select(HomePath.Expand).FirstOrDefault(File.Exists);
        if (path is null)
            return (null, path ?? "", $"{c.Name}: no identity_file set and neither ~/.ssh/id_ed25519 nor ~/.ssh/id_rsa exists; set identity_file for the host in the inventory");
        if (!File.Exists(path))
            return (null, path ?? "", $"{c.Name}: identity file {path} does not exist; fix identity_file in the inventory");

        string? passphrase = null;
        if (c.IdentityPassphraseEnv is { } variable)
        {
            passphrase = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(passphrase))
                return (null, path ?? "", $"{c.Name}: environment variable {variable} (identity_passphrase_env) is not set; export it with the passphrase of {path}");
        }

        try
        {
            return (passphrase is null ? new PrivateKeyFile(path) : new PrivateKeyFile(path, passphrase), path, null);
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            return (null, path ?? "", $"{c.Name}: {path} is encrypted; set identity_passphrase_env to the name of an environment variable holding its passphrase");
        }
        catch (Exception e) when (e is SshException or InvalidOperationException or ArgumentException or NotSupportedException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            var hint = passphrase is null ? "check it is an OpenSSH or PEM ed25519/RSA/ECDSA private key" : "check the passphrase and the key format";
            return (null, path ?? "", $"{c.Name}: cannot load identity file {path}: {e.Message}; {hint}");
        }
        catch (IOException e)
        {
            return (null, path ?? "", $"{c.Name}: cannot read identity file {path}: {e.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            return (null, path ?? "", $"{c.Name}: no permission to read identity file {path}; run as the user who owns it or fix its mode");
        }
    }
}
