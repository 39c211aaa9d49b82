namespace Provisioner.Transport.SshConfig;

/// <summary>The argument vector of <c>ssh -G</c> for one host: ssh prints the configuration it would use, connecting nowhere.</summary>
public static class SshConfigQuery
{
    /// <param name="user">A user given on the command line (a jump host's <c>user@</c>), which beats the config file.</param>
    /// <param name="port">Likewise a jump host's <c>:port</c>.</param>
    public static IReadOnlyList<string> Arguments(string host, SshClientArgs args, string? user = null, int? port = null)
    {
        var argv = new List<string> { "-G" };
        if (args.ConfigFile is not null) argv.AddRange(["-F", HomePath.Expand(args.ConfigFile)]);
        foreach (var option in args.Options) argv.AddRange(["-o", option]);
        if (user is not null) argv.AddRange(["-l", user]);
        if (port is not null) argv.AddRange(["-p", port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        argv.AddRange(["--", host]);
        return argv;
    }
}
