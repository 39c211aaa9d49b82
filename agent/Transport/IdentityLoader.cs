using Renci.SshNet;
using Renci.SshNet.Common;
using Provisioner.Yaml;

namespace Provisioner.Transport;

/// <summary>
/// Loads one private key file, with the first of <paramref name="certificates"/> that certifies it.
/// Problems come back as messages naming the inventory key to fix, because a missing or locked key is
/// a configuration error, not a network one.
/// </summary>
internal static class IdentityLoader
{
    /// <summary>The key file (to dispose) and what to offer: the file itself, or it with its certificate.</summary>
    public static (PrivateKeyFile? Key, IPrivateKeySource? Source, string? Error) Load(HostConnection c, string path, IEnumerable<string> certificates)
    {
        if (!File.Exists(path))
            return (null, null, $"{c.Name}: identity file {path} does not exist; fix identity_file in the inventory (or --private-key)");
        // A key named by the ssh configuration is not checked before the run: /dev/zero here read until memory ran out.
        if (InputFile.NotReadable(path) is { } why)
            return (null, null, $"{c.Name}: identity file {path} {why}; point identity_file (or IdentityFile in the ssh configuration) at a key file");

        string? passphrase = null;
        if (c.IdentityPassphraseEnv is { } variable)
        {
            passphrase = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(passphrase))
                return (null, null, $"{c.Name}: environment variable {variable} (identity_passphrase_env) is not set; export it with the passphrase of {path}, or ssh-add the key to your agent");
        }

        try
        {
            var existing = certificates.Where(f => File.Exists(f) && InputFile.NotReadable(f) is null).ToList();
            foreach (var certificate in existing)
            {
                try
                {
                    var certified = new PrivateKeyFile(path, passphrase, certificate);
                    return (certified, certified, null);
                }
                catch (ArgumentException)
                {
                    // This certificate is for another key (CertificateFile may list several), or SSH.NET misread it.
                }
            }
            var key = new PrivateKeyFile(path, passphrase);
            return (key, existing.Select(cert => CertifiedKey.For(key, cert)).FirstOrDefault(k => k is not null) ?? (IPrivateKeySource)key, null);
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            return (null, null, $"{c.Name}: {path} is encrypted; ssh-add it to your agent, or set identity_passphrase_env to the name of an environment variable holding its passphrase");
        }
        catch (Exception e) when (e is SshException or InvalidOperationException or ArgumentException or NotSupportedException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            var hint = passphrase is null ? "check it is an OpenSSH or PEM ed25519/RSA/ECDSA private key" : "check the passphrase and the key format";
            return (null, null, $"{c.Name}: cannot load identity file {path}: {e.Message}; {hint}");
        }
        catch (IOException e)
        {
            return (null, null, $"{c.Name}: cannot read identity file {path}: {e.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            return (null, null, $"{c.Name}: no permission to read identity file {path}; run as the user who owns it or fix its mode");
        }
    }
}
