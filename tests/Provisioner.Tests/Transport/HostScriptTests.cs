using Provisioner.Transport;

namespace Provisioner.Tests.Transport;

/// <summary>Every shell script under agent/ ships inside the program and loads by its name.</summary>
public sealed class HostScriptTests
{
    private static readonly string AgentDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../agent"));

    private static IReadOnlyList<string> Names() =>
        Directory.EnumerateFiles(AgentDirectory, "*.sh", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> Scripts() => [.. Names()];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Loads_and_is_POSIX_sh(string name)
    {
        var script = HostScript.Load(name);
        script.Body.ShouldStartWith("#!/bin/sh\n");
        script.Body.ShouldNotContain("\r");
    }

    [Fact]
    public void Every_script_is_found_and_names_are_unique()
    {
        var names = Names();
        names.Count.ShouldBeGreaterThan(10);
        names.ShouldBeUnique();
    }

    [Fact]
    public void Inputs_are_positional_arguments_quoted_by_construction() =>
        HostScript.Load("exists.sh").Inline("/srv/it's here; rm -rf /").ShouldStartWith("set -- '/srv/it'\\''s here; rm -rf /'\n#!/bin/sh\n");
}
