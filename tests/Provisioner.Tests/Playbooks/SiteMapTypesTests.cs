using Provisioner.Modules;

namespace Provisioner.Tests.Playbooks;

/// <summary>
/// Issue 25, item 6: EL10's Postfix is built without Berkeley DB, so hash: and btree: tables fail
/// ("unsupported dictionary type: hash", Red Hat solution 7131247; linux-system-roles/postfix#140:
/// "el10 (but not Fedora) has switched to using lmdb as the default map type"). site.yml chooses each
/// map's type from what the host's Postfix lists (postconf -m), in every map it writes and in what
/// newaliases touches.
/// </summary>
public sealed class SiteMapTypesTests
{
    // postconf -m of Postfix 3.10 on trixie (a lab host, Berkeley DB built in).
    private static readonly string[] Debian = ["btree", "cidr", "environ", "fail", "hash", "inline", "internal", "memcache", "nis", "pipemap",
        "proxy", "randmap", "regexp", "socketmap", "static", "tcp", "texthash", "unionmap", "unix"];
    // EL10: no Berkeley DB (no hash, no btree); lmdb from the postfix-lmdb subpackage (dynamicmaps.cf.d).
    private static readonly string[] El10 = ["cidr", "environ", "fail", "inline", "internal", "lmdb", "memcache", "pipemap", "proxy", "randmap",
        "regexp", "socketmap", "static", "tcp", "texthash", "unionmap", "unix"];

    private static SiteOnHost Host(string[]? mapTypes) =>
        new(new Dictionary<string, object?> { ["os_family"] = "redhat", ["postfix_map_types"] = mapTypes?.Cast<object?>().ToList() });

    private static string Param(PostconfArgs a, string name) => a.Params.Single(p => p.Key == name).Value;

    [Fact]
    public void Where_postfix_lists_no_hash_every_map_site_yml_writes_is_lmdb_and_newaliases_touches_the_lmdb_file()
    {
        using var host = Host(El10);
        var aliases = host.Args<PostconfArgs>("smtp", "main.cf for receiving and sending on 25");
        (Param(aliases, "alias_maps"), Param(aliases, "alias_database")).ShouldBe(("lmdb:/etc/aliases", "lmdb:/etc/aliases"));
        Param(host.Args<PostconfArgs>("smtp-client-tls", "smtp_tls_* (Postfix sending)"), "smtp_tls_session_cache_database")
            .ShouldBe("lmdb:${data_directory}/smtp_scache");
        host.Touches("smtp", "newaliases").ShouldBe(["/etc/aliases.lmdb"]);
    }

    [Fact]
    public void Where_postfix_has_berkeley_db_the_maps_stay_hash_and_btree()
    {
        using var host = Host(Debian);
        Param(host.Args<PostconfArgs>("smtp", "main.cf for receiving and sending on 25"), "alias_maps").ShouldBe("hash:/etc/aliases");
        Param(host.Args<PostconfArgs>("smtp-client-tls", "smtp_tls_* (Postfix sending)"), "smtp_tls_session_cache_database")
            .ShouldBe("btree:${data_directory}/smtp_scache");
        host.Touches("smtp", "newaliases").ShouldBe(["/etc/aliases.db"]);
    }

    [Fact]
    public void Before_postfix_is_installed_the_maps_are_what_its_package_brings_on_most_hosts()
    {
        // No postconf yet (check mode on a fresh host): hash, as Fedora and Debian ship; the facts are
        // read again right after the install, so an apply writes what the installed Postfix lists.
        using var host = Host(null);
        Param(host.Args<PostconfArgs>("smtp", "main.cf for receiving and sending on 25"), "alias_maps").ShouldBe("hash:/etc/aliases");
    }

    [Fact]
    public void On_redhat_the_lmdb_map_package_is_installed_with_postfix()
    {
        // A separate subpackage on Fedora and EL10 (postfix-lmdb); on Debian too (postfix-lmdb), but hash is built in there.
        using var host = Host(El10);
        host.Args<PackageArgs>("smtp", "postfix installed").Names.ShouldBe(["postfix", "postfix-lmdb"]);
    }
}
