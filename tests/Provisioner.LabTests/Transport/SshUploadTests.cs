using System.Security.Cryptography;
using Provisioner.Transport;

namespace Provisioner.LabTests.Transport;

[Collection(TransportLabCollection.Name)]
public sealed class SshUploadTests(TransportLab lab)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Upload_as_root_sets_owner_and_mode_atomically()
    {
        var dir = await FreshDirAsync();
        var content = RandomNumberGenerator.GetBytes(100_000);
        await using var host = await TransportLab.ConnectAsync(lab.Root());

        var result = await host.UploadAsync(new FileUpload($"{dir}/app.conf", content, "0640", "deploy", "sudopw"), None);

        result.Ok.ShouldBeTrue(result.Describe());
        await ShouldHaveAsync($"{dir}/app.conf", content, "640 deploy sudopw");
        (await lab.RootRunAsync($"ls -A {dir}")).ShouldBe("app.conf");
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("sudopw")]
    public async Task Upload_through_become_lands_as_root(string user)
    {
        var dir = await FreshDirAsync();
        var content = "secret=1\n"u8.ToArray();
        await using var host = await TransportLab.ConnectAsync(user == "deploy" ? lab.Deploy() : lab.SudoPw());

        var upload = new FileUpload($"{dir}/secret.conf", content, "0600", "root", "root", Secret: true) { Become = true };
        var result = await host.UploadAsync(upload, None);

        result.Ok.ShouldBeTrue(result.Describe());
        await ShouldHaveAsync($"{dir}/secret.conf", content, "600 root root");
        (await lab.RootRunAsync($"ls -A {dir}")).ShouldBe("secret.conf");
    }

    [Fact]
    public async Task Replacing_a_file_keeps_its_mode_and_owner_when_not_given()
    {
        var dir = await FreshDirAsync();
        await lab.RootRunAsync($"echo old > {dir}/f && chown deploy:deploy {dir}/f && chmod 0604 {dir}/f");
        await using var host = await TransportLab.ConnectAsync(lab.Root());

        (await host.UploadAsync(new FileUpload($"{dir}/f", "new\n"u8.ToArray(), null, null, null), None)).Ok.ShouldBeTrue();

        await ShouldHaveAsync($"{dir}/f", "new\n"u8.ToArray(), "604 deploy deploy");
    }

    [Fact]
    public async Task A_failed_upload_leaves_the_destination_and_no_temp_file()
    {
        var dir = await FreshDirAsync();
        await lab.RootRunAsync($"echo old > {dir}/f");
        await using var host = await TransportLab.ConnectAsync(lab.Root());

        var result = await host.UploadAsync(new FileUpload($"{dir}/f", "new\n"u8.ToArray(), "0644", "no-such-user", null), None);

        result.Ok.ShouldBeFalse();
        result.Stderr.ShouldContain("no-such-user");
        (await lab.RootRunAsync($"cat {dir}/f; ls -A {dir}")).ShouldBe("old\nf");
    }

    [Fact]
    public async Task A_user_without_become_cannot_write_root_files()
    {
        var dir = await FreshDirAsync();
        await using var host = await TransportLab.ConnectAsync(lab.Deploy() with { Become = false });
        var result = await host.UploadAsync(new FileUpload($"{dir}/f", "x"u8.ToArray(), null, null, null), None);
        result.Ok.ShouldBeFalse();
        (await lab.RootRunAsync($"ls -A {dir} | wc -l")).ShouldBe("0");
    }

    private async Task<string> FreshDirAsync()
    {
        var dir = "/srv/provision-upload-" + Guid.NewGuid().ToString("N")[..8];
        await lab.RootRunAsync($"mkdir -p {dir} && chmod 0755 {dir}");
        return dir;
    }

    private async Task ShouldHaveAsync(string path, byte[] content, string modeOwnerGroup)
    {
        (await lab.RootRunAsync($"stat -c '%a %U %G' {path}")).ShouldBe(modeOwnerGroup);
        (await lab.RootRunAsync($"sha256sum < {path}")).Split(' ')[0].ShouldBe(Convert.ToHexStringLower(SHA256.HashData(content)));
    }
}
