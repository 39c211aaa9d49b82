namespace Provisioner.Tests.Architecture;

/// <summary>
/// The agent's rooms (agent/Cli, agent/Execution, …: one namespace each) form a graph without two
/// rooms that use each other, and Transport — the SSH connection — uses nothing of the engine above it.
/// </summary>
public sealed class RoomDependencyTests
{
    /// <summary>
    /// Pairs of rooms known to use each other, each with why it stays for now. A new pair fails the
    /// test; a pair that no longer uses each other fails it too, so the list only shrinks.
    /// </summary>
    private static readonly Dictionary<(string A, string B), string> KnownPairs = new()
    {
        [("Vault", "Yaml")] = "Yaml decrypts vault files and !vault scalars as it loads (VaultKeys, VaultEnvelope); Vault reports " +
                              "with Yaml's Diagnostics, SourceSpan and InputFile, which every room uses",
    };

    /// <summary>What the connection may not know of: the engine and its policies.</summary>
    private static readonly string[] AboveTransport = ["Execution", "Modules", "Reads", "HostFacts"];

    private static readonly IReadOnlyDictionary<(string From, string To), SortedSet<string>> Edges = RoomGraph.Edges(RoomGraph.Agent);

    [Fact]
    public void No_two_rooms_use_each_other()
    {
        var pairs = RoomGraph.MutualPairs(Edges).Where(p => !KnownPairs.ContainsKey(p)).ToList();

        pairs.ShouldBeEmpty(string.Join("\n", pairs.Select(p =>
            $"{p.A} ↔ {p.B}:\n  {Uses(p.A, p.B)}\n  {Uses(p.B, p.A)}")));
    }

    [Fact]
    public void Every_known_pair_still_uses_each_other()
    {
        var mutual = RoomGraph.MutualPairs(Edges).ToHashSet();

        KnownPairs.Keys.Where(p => !mutual.Contains(p)).ShouldBeEmpty("no longer a cycle: take it off KnownPairs");
    }

    [Fact]
    public void Transport_uses_nothing_above_the_connection()
    {
        var above = AboveTransport.Where(room => Edges.ContainsKey(("Transport", room))).ToList();

        above.ShouldBeEmpty(string.Join("\n", above.Select(room => Uses("Transport", room))));
    }

    [Fact]
    public void The_graph_sees_uses_in_method_bodies()
    {
        // A room that uses another only inside a method body (Cli runs the engine's Controller) is still seen.
        Edges.ShouldContainKey(("Cli", "Execution"));
        RoomGraph.Room(typeof(Provisioner.Modules.Firewall.FirewalldReader)).ShouldBe("Modules");
    }

    private static string Uses(string from, string to) =>
        $"{from} → {to}: " + string.Join("; ", Edges[(from, to)].Take(12)) + (Edges[(from, to)].Count > 12 ? $"; … ({Edges[(from, to)].Count} in all)" : "");
}
