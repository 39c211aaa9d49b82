using Provisioner.Inventories;
using Provisioner.Tests.Playbooks;
using Provisioner.Templating;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Tests.Inventories;

/// <summary>Ansible's INI inventory dialect, ranges in both dialects, directories and several -i (issue 16, item 7).</summary>
public sealed class IniInventoryTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private const string Ini = """
        # the inventory most Ansible users have
        bastion.example.com ansible_user=admin

        [web]   # a comment after a section header
        web[01:03].example.com http_port=8080
        db-[a:b] ansible_host=10.0.0.5 note="two words"
        mail:2222

        [db]
        db-a

        [prod:children]
        web
        db

        [prod:vars]
        ntp_server = ntp.example.com
        max_conn=100

        [all:vars]
        ansible_become=true
        """;

    private Inventory Load(string text, string name, out Diagnostics d)
    {
        d = new Diagnostics();
        return InventoryLoader.Load(_dir.Write(name, text), d)!;
    }

    private Dictionary<string, object?> VarsOf(Inventory inventory, string host)
    {
        var d = new Diagnostics();
        var vars = new HostVarsBuilder(inventory, [], new SecretSet()).Build(inventory.FindHost(host)!, [], d);
        return new Dictionary<string, object?>(vars.Values);
    }

    [Theory]
    [InlineData("hosts")]
    [InlineData("hosts.ini")]
    [InlineData("inventory.cfg.txt")]
    public void Groups_children_vars_ranges_and_host_line_vars_are_read(string name)
    {
        var inventory = Load(Ini, name, out var d);
        d.Items.ShouldBeEmpty();
        inventory.Hosts.Select(h => h.Name).ShouldBe(["bastion.example.com", "web01.example.com", "web02.example.com", "web03.example.com", "db-a", "db-b", "mail"]);
        inventory.FindHost("db-a")!.Groups.ShouldBe(["prod", "db", "web"]);
        inventory.FindHost("bastion.example.com")!.Groups.ShouldBe(["ungrouped"]);

        var web2 = VarsOf(inventory, "web02.example.com");
        // As Ansible's literal_eval: 8080 and 100 are numbers, "true" stays text (True would be a boolean).
        (web2["http_port"], web2["ntp_server"], web2["max_conn"], web2["ansible_become"]).ShouldBe((8080L, "ntp.example.com", 100L, "true"));
        VarsOf(inventory, "db-b")["note"].ShouldBe("two words");
        VarsOf(inventory, "mail")["ansible_port"].ShouldBe(2222L);
        VarsOf(inventory, "bastion.example.com")["ansible_user"].ShouldBe("admin");
    }

    [Fact]
    public void A_wrong_section_and_a_broken_pair_point_at_their_line()
    {
        Load("[web:hosts]\nweb1\n[db]\ndb1 =oops\n", "bad", out var d);
        d.Select(x => x.ToString()).ShouldBe([
            $"{_dir.Path}/bad:1:1: '[web:hosts]' is not a section of an INI inventory — write [GROUP], [GROUP:vars] or [GROUP:children]",
            $"{_dir.Path}/bad:4:5: expected key=value, found a value with no name before its '=' — write NAME=VALUE (a value with spaces in quotes)",
        ]);
    }

    /// <summary>A word without '=' may be a password typed with a space instead of '=': it is never quoted.</summary>
    [Fact]
    public void A_word_that_is_no_pair_is_not_quoted_in_the_error()
    {
        Load("[db]\ndb1 ansible_become_password hunter2\n", "bad", out var d);
        d.Select(x => x.ToString()).ShouldBe([
            $"{_dir.Path}/bad:2:5: expected key=value, found a word with no '=' — write NAME=VALUE (a value with spaces in quotes)",
            $"{_dir.Path}/bad:2:29: expected key=value, found a word with no '=' — write NAME=VALUE (a value with spaces in quotes)",
        ]);
    }

    [Fact]
    public void An_unclosed_section_header_is_an_error_not_a_host()
    {
        var inventory = Load("[web]\nweb1\n[db:children\n", "bad", out var d);
        inventory.Hosts.Select(h => h.Name).ShouldBe(["web1"]);
        d.Select(x => x.ToString()).ShouldBe([$"{_dir.Path}/bad:3:1: the section header '[db:children' has no closing ']' — write [GROUP], [GROUP:vars] or [GROUP:children]"]);
    }

    [Fact]
    public void A_range_with_a_port_gives_every_host_the_port()
    {
        var inventory = Load("[web]\nweb[1:2]:2222\n", "hosts", out var d);
        d.Items.ShouldBeEmpty();
        inventory.Hosts.Select(h => h.Name).ShouldBe(["web1", "web2"]);
        VarsOf(inventory, "web2")["ansible_port"].ShouldBe(2222L);
    }

    [Fact]
    public void Ranges_work_in_yaml_too_and_a_backwards_range_is_an_error()
    {
        var inventory = Load("all:\n  hosts:\n    node[1:7:3]:\n    box[b:a]:\n", "hosts.yml", out var d);
        inventory.Hosts.Select(h => h.Name).ShouldBe(["node1", "node4", "node7"]);
        d.ShouldHaveSingleItem().ToString().ShouldBe($"{_dir.Path}/hosts.yml:4:5: host 'box[b:a]': the range [b:a] runs backwards — write a range as [01:10], [a:f] or [1:10:2]");
    }

    [Fact]
    public void A_directory_and_several_sources_make_one_inventory()
    {
        _dir.Write("inv/10-hosts", "[web]\nw1\n");
        _dir.Write("inv/20-more.yml", "web:\n  hosts:\n    w2:\n");
        _dir.Write("inv/ansible.cfg", "[defaults]\nnot = an inventory\n");
        _dir.Write("inv/group_vars/web.yml", "color: blue\n");
        var extra = _dir.Write("extra.ini", "[db]\nd1\n");

        var d = new Diagnostics();
        var inventory = InventoryLoader.LoadAll([Path.Combine(_dir.Path, "inv"), extra], d)!;
        d.Items.ShouldBeEmpty();
        inventory.FindGroup("web")!.Hosts.ShouldBe(["w1", "w2"]);
        inventory.FindGroup("db")!.Hosts.ShouldBe(["d1"]);
        VarsOf(inventory, "w2")["color"].ShouldBe("blue");
    }

    [Fact]
    public void A_comma_list_is_a_list_of_hosts()
    {
        var d = new Diagnostics();
        var inventory = InventoryLoader.LoadAll(["10.0.0.1,web2,"], d)!;
        d.Items.ShouldBeEmpty();
        inventory.Hosts.Select(h => h.Name).ShouldBe(["10.0.0.1", "web2"]);
    }

    [Fact]
    public void A_dynamic_inventory_script_is_refused()
    {
        var script = _dir.Write("inv.py", "#!/usr/bin/env python3\nprint('{}')\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var d = new Diagnostics();
        InventoryLoader.LoadAll([script], d).ShouldBeNull();
        d.ShouldHaveSingleItem().Message.ShouldContain("dynamic inventory");
    }
}

/// <summary>Host names with ports, IPv6 literals and YAML merge keys (issue 26, item 5); the fixtures yaml-ports-merge and ipv6 check them against ansible-inventory.</summary>
public sealed class HostAddressTests
{
    [Theory]
    [InlineData("badwolf.example.com:5309", "badwolf.example.com", 5309)]
    [InlineData("web[01:03]:2222", "web[01:03]", 2222)]
    [InlineData("[2001:db8::2]:2200", "2001:db8::2", 2200)]
    [InlineData("2001:db8::2", "2001:db8::2", null)]
    [InlineData("::1", "::1", null)]
    [InlineData("web[01:03]", "web[01:03]", null)]
    [InlineData("host:abc", "host:abc", null)]
    public void Splits_as_ansible_parse_address(string pattern, string host, int? port) =>
        HostAddress.Split(pattern).ShouldBe((host, port));

    [Fact]
    public void A_host_list_reads_ports_and_ipv6_literals()
    {
        var d = new Diagnostics();
        var inventory = InventoryLoader.LoadAll(["[2001:db8::2]:2200,web1:2222,2001:db8::3,"], d)!;
        d.Items.ShouldBeEmpty();
        inventory.Hosts.Select(h => h.Name).ShouldBe(["2001:db8::2", "web1", "2001:db8::3"]);
        inventory.FindHost("2001:db8::2")!.Vars.Get("ansible_port").ShouldBeOfType<ScalarNode>().Value.ShouldBe("2200");
        inventory.FindHost("2001:db8::3")!.Vars.Entries.ShouldBeEmpty();
    }

    [Fact]
    public void A_merge_key_that_is_no_mapping_is_an_error_at_it()
    {
        var d = new Diagnostics();
        YamlLoader.LoadText("a: &x [1]\nb:\n  <<: *x\n", "m.yml", d);
        d.Items.Single().ToString().ShouldBe("m.yml:1:8: a merge key '<<' takes a mapping or a list of mappings — write <<: *anchor or <<: [*a, *b], the anchors on mappings");
    }
}
