using System.Text.RegularExpressions;

namespace Provisioner.Modules.Users;

/// <summary>Checks shared by user and group: names and numeric ids the shadow tools accept.</summary>
public static partial class AccountName
{
    // Portable names (POSIX + the trailing $ of Samba machine accounts); no leading '-', no ':'.
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?$")]
    private static partial Regex Pattern();

    public static string Num(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One shadow-tool command and the change it makes.</summary>
    public static Plan Step(Transport.Command c, Change change) => Plan.Of(change, new CommandStep(c, c.Display()));

    public const string Rule = "use letters, digits, '_', '.', '-' (up to 32), starting with a letter or '_'";

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    public static string Read(ArgReader r, string arg)
    {
        var name = r.Required(arg);
        if (name.Length > 0 && !IsValid(name))
            r.Diagnostics.Add(r.Args.Get(arg)!.Span, $"'{name}' is not a valid account name", Rule);
        return name;
    }

    public static int? Id(ArgReader r, string arg)
    {
        if (!r.Has(arg)) return null;
        var before = r.Diagnostics.Items.Count;
        var id = r.Int(arg, -1);
        if (r.Diagnostics.Items.Count == before && id is < 0 or > 65534)
            r.Diagnostics.Add(r.Args.Get(arg)!.Span, $"'{arg}' must be between 0 and 65534", $"write {arg}: 1001");
        return id;
    }
}
