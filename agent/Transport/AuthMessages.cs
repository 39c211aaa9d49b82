namespace Provisioner.Transport;

/// <summary>What to tell the user when the server refused every key offered: which keys, and the fix.</summary>
internal static class AuthMessages
{
    public static string Refused(HostConnection c, Credentials credentials, string serverSaid)
    {
        var who = $"{c.User}@{c.KnownHostsName}";
        if (credentials.FilePaths.Count == 0)
            return $"{c.Name}: the agent at {credentials.AgentSocket} holds no key accepted by {who} " +
                   $"({credentials.AgentKeys} offered: {serverSaid}); ssh-add the key whose public half is in the user's ~/.ssh/authorized_keys, or set identity_file";
        return $"{who} refused {credentials.Describe()}: {serverSaid}. " +
               "Check user and identity_file in the inventory, and that the public key is in the user's ~/.ssh/authorized_keys";
    }
}
