using System.Runtime.CompilerServices;

namespace Provisioner.Tests;

/// <summary>Finds files under tests/Provisioner.Tests/Fixtures from the source tree, so no copy-to-output is needed.</summary>
internal static class Fixture
{
    public static string Path(string relative) => System.IO.Path.Combine(Root(), relative);

    private static string Root([CallerFilePath] string here = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(here)!, "..", "Fixtures"));
}
