using System.CommandLine;

namespace Provisioner.Cli;

/// <summary>
/// Whether the user typed an option, in one place. An option's default (false for -b, 5 for -f) is a
/// result too, but an implicit one, and an option a command lacks (verify has no --check) has none:
/// neither counts as given, and neither may hide ansible.cfg's value.
/// </summary>
internal static class GivenOptions
{
    public static bool Given(this ParseResult pr, Option option) => pr.GetResult(option) is { Implicit: false };

    /// <summary>The option's value when typed; else the type's default (null, false), never the option's own default.</summary>
    public static T? GivenValue<T>(this ParseResult pr, Option<T> option) => pr.Given(option) ? pr.GetValue(option) : default;
}
