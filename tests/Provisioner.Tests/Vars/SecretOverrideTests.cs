using Provisioner.Inventories;
using Provisioner.Templating;
using Provisioner.Tests.Playbooks;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Tests.Variables;

/// <summary>A name that is secret in any layer stays secret when a higher layer gives it another value.</summary>
public sealed class SecretOverrideTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private (Templating.Vars Vars, SecretSet Secrets) Build(string[] varsFiles, params string[] extra)
    {
        _dir.Write("inv/hosts.yml", "all:\n  hosts:\n    h: { address: 192.0.2.1 }\n");
        _dir.Write("inv/group_vars/all.yml", "db: { user: app, password: !secret group-password }\napi_token: !secret group-token\n");
        _dir.Write("inv/host_vars/h.yml", "api_token: host-token-plain\n");
        var d = new Diagnostics();
        var inventory = InventoryLoader.Load(Path.Combine(_dir.Path, "inv/hosts.yml"), d)!;
        var secrets = new SecretSet();
        var layers = ExtraVars.Layers(varsFiles.Select(f => Path.Combine(_dir.Path, f)), extra, d);
        var vars = new HostVarsBuilder(inventory, layers, secrets).Build(inventory.FindHost("h")!, [], d);
        d.Items.ShouldBeEmpty();
        return (vars, secrets);
    }

    private static string Render(Templating.Vars vars, string template) => TemplateEngine.Render(template, vars).Text!;

    [Fact]
    public void An_extra_var_that_overrides_a_secret_is_masked()
    {
        _dir.Write("site.secret.yml", "pw: file-password\n");
        var (vars, secrets) = Build(["site.secret.yml"], "pw=cli-password-1", "{\"db\": {\"user\": \"app\", \"password\": \"cli-password-2\"}}");
        Render(vars, "{{ pw }} {{ db.password }} {{ db.user }}").ShouldBe("cli-password-1 cli-password-2 app");
        secrets.Mask("cli-password-1 cli-password-2 app").ShouldBe($"{SecretSet.Placeholder} {SecretSet.Placeholder} app");
    }

    [Fact]
    public void A_plain_host_var_that_overrides_a_group_secret_is_masked()
    {
        var (vars, secrets) = Build([]);
        Render(vars, "{{ api_token }}").ShouldBe("host-token-plain");
        secrets.Mask("token host-token-plain").ShouldBe($"token {SecretSet.Placeholder}");
    }

    [Fact]
    public void A_templated_override_is_masked_once_rendered()
    {
        _dir.Write("plain.yml", "domain: example.test\n");
        var (vars, secrets) = Build(["plain.yml"], "api_token='{{ domain }}-from-cli'");
        var text = Render(vars, "{{ api_token | upcase }}");
        text.ShouldBe("EXAMPLE.TEST-FROM-CLI");
        secrets.Mask("example.test-from-cli " + text).ShouldBe($"{SecretSet.Placeholder} {SecretSet.Placeholder}");
        secrets.Mask("example.test").ShouldBe("example.test");
    }
}
