using Renci.SshNet;
using Renci.SshNet.Common;

namespace Provisioner.Transport;

/// <summary>
/// Loads one private key file, with the first of <paramref name="certificates"/> that certifies it.
/// Problems come back as messages naming the inventory key to fix, because a missing or locked key is
/// a configuration error, not a network one.
/// </summary>
internal static class IdentityLoader
{
    public static (PrivateKeyFile? Key, string? Error) Load(HostConnection c, string path, IEnumerable<string> certificates)
    {
        if (!File.Exists(path))
            return (null, $"{c.Name}: identity file {path} does not exist; fix identity_file in the inventory");

        string? passphrase = null;
        if (c.IdentityPassphraseEnv is { } variable)
        {
            passphrase = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(passphrase))
                return (null, $"{c.Name}: environment variable {variable} (identity_passphrase_env) is not set; export it with the passphrase of {path}, or ssh-add the key to your agent");
        }

        try
        {
            foreach (var certificate in certificates.Where(File.Exists))
            {
                try
                {
                    return (new PrivateKeyFile(path, passphrase, certificate), null);
                }
                catch (ArgumentException)
                {
                    // This certificate is for another key (CertificateFile may list several).
                }
            }
            return (new PrivateKeyFile(path, passphrase), null);
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            return (null, $"{c.Name}: {path} is encrypted; ssh-add it to your agent, or set identity_passphrase_env to the name of an environment variable holding its passphrase");
        }
        catch (Exception e) when (e is SshException or InvalidOperationException or ArgumentException or NotSupportedException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            var hint = passphrase is null ? "check it is an OpenSSH or PEM ed25519/RSA/ECDSA private key" : "check the passphrase and the key format";
            return (null, $"{c.Name}: cannot load identity file {path}: {e.Message}; {hint}");
        }
        catch (IOException e)
        {
            return (null, $"{c.Name}: cannot read identity file {path}: {e.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            return (null, $"{c.Name}: no permission to read identity file {path}; run as the user who owns it or fix its mode");
        }
    }
}
