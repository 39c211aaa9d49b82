using Provisioner.Transport;

namespace Provisioner.Tests.ModuleTests;

/// <summary>What a firewalld task's plan runs, written as the firewall-cmd calls it makes.</summary>
internal static class FirewalldSteps
{
    private static readonly string Body = HostScript.Load("firewalld-write.sh").Body;

    /// <summary>
    /// The one step making these calls (each written as its firewall-cmd command line, quoted as the
    /// program quotes it): firewalld-write.sh given each call's words after "firewall-cmd", separated by ';'.
    /// </summary>
    public static string OneProcess(params string[] calls)
    {
        calls.ShouldAllBe(c => c.StartsWith("firewall-cmd ", StringComparison.Ordinal));
        return "set -- " + string.Join(" ';' ", calls.Select(c => c["firewall-cmd ".Length..])) + "\n" + Body;
    }
}
