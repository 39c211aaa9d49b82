using Provisioner.LabTests.Execution;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Mail;

/// <summary>
/// Two lab hosts of one flavor: the mail server under test and a peer MX (its own domain) that
/// receives the server's outgoing mail over TLS for stage 5. The inventory lists both, with the
/// lab group's vars (blocked client range for stage 8). Nothing boots when the tests using it are
/// skipped (<see cref="SkipReason"/>).
/// </summary>
public abstract class MailLabFixture(string flavor, string mailName, string peerName) : IAsyncLifetime
{
    private readonly string mail = FreshLabFixture.Scoped(mailName), peer = FreshLabFixture.Scoped(peerName);

    public string Flavor { get; } = flavor;
    public LabInstance Mail { get; private set; } = null!;
    public LabInstance Peer { get; private set; } = null!;
    public string Inventory { get; private set; } = "";

    /// <summary>
    /// -e value routing the peer's domain straight to its address (the lab has no DNS), and making the
    /// peer the address stage 7 forwards the owner's copies to (an external address, as the seed's).
    /// </summary>
    public string TransportRoutes =>
        $$"""{"transport_routes": [{"domain": "{{Peer.Host.Domain}}", "address": "{{Peer.Host.PubAddress}}", "probe_to": "owner@{{Peer.Host.Domain}}"}], "sieve_forward_to": "{{ForwardTo}}"}""";

    /// <summary>Where the mail host's owner's Sieve copies go: the owner's mailbox on the peer MX.</summary>
    public string ForwardTo => $"owner@{Peer.Host.Domain}";

    /// <summary>Why the tests on these hosts are skipped (then nothing boots), or null.</summary>
    protected virtual string? SkipReason => LabFlavors.Unavailable(Flavor);

    public async Task InitializeAsync()
    {
        if (SkipReason is not null) return;
        // Fresh hosts every run: the tests start from an unprovisioned server.
        await Task.WhenAll(LabInstance.RunLabAsync(TimeSpan.FromMinutes(2), "down", mail), LabInstance.RunLabAsync(TimeSpan.FromMinutes(2), "down", peer));
        var (mailUp, peerUp) = (LabInstance.UpAsync(mail, Flavor), LabInstance.UpAsync(peer, Flavor));
        (Mail, Peer) = (await mailUp, await peerUp);
        Inventory = await ProvisionCli.InventoryAsync(mail, peer);
    }

    public Task<CliRun> Provision(params string[] args) => ProvisionCli.RunAsync([.. args, "-i", Inventory]);

    public Task DisposeAsync()
    {
        Mail?.Dispose();
        Peer?.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class TrixieMailFixture() : MailLabFixture("trixie", "t-mail13", "t-peer13");

public sealed class BookwormMailFixture() : MailLabFixture("bookworm", "t-mail12", "t-peer12");

/// <summary>Debian testing: Postfix 3.11 and Dovecot 2.4.5 (Fedora 43/44's), NetworkManager and a FedoraServer default zone.</summary>
public sealed class ForkyMailFixture() : MailLabFixture("forky", "t-mail14", "t-peer14")
{
    protected override string? SkipReason => LabFlavorAttribute.SkipReason(typeof(SiteForkyLabTests));
}
