namespace Provisioner.Transport.SshConfig;

/// <summary>
/// What the user tells ssh about its configuration: a config file (<c>-F</c>, or <c>ssh_config</c> in
/// the inventory) and options (<c>-o Key=Value</c>; <c>-J</c> is <c>-o ProxyJump=</c>). They are passed to
/// <c>ssh -G</c> as given, so ssh itself validates them and applies its own precedence.
/// </summary>
public sealed record SshClientArgs(string? ConfigFile, IReadOnlyList<string> Options)
{
    public static readonly SshClientArgs None = new(null, []);

    /// <summary>True when the user asked for something only ssh can read.</summary>
    public bool Any => ConfigFile is not null || Options.Count > 0;

    /// <summary>Reads Ansible's <c>ansible_ssh_common_args</c>: <c>-F FILE</c>, <c>-o OPTION</c> and <c>-J JUMPS</c>.</summary>
    /// <returns>The arguments, or a problem naming the word that is not understood.</returns>
    public static (SshClientArgs? Args, string? Problem) Parse(string commonArgs, string? configFile = null)
    {
        var words = ShellWords.Split(commonArgs);
        if (words is null) return (null, "a quote is not closed");
        var options = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var flag = word.Length >= 2 && word[0] == '-' ? word[..2] : word;
            if (flag is not ("-F" or "-o" or "-J"))
                return (null, $"'{word}' is not supported; provision reads -F FILE, -o OPTION=VALUE and -J JUMPS from it");
            var value = word.Length > 2 ? word[2..] : i + 1 < words.Count ? words[++i] : null;
            if (string.IsNullOrWhiteSpace(value)) return (null, $"'{flag}' needs a value");
            switch (flag)
            {
                case "-F": configFile = value; break;
                case "-o": options.Add(value); break;
                default: options.Add("ProxyJump=" + value); break;
            }
        }
        return (new SshClientArgs(configFile, options), null);
    }
}
