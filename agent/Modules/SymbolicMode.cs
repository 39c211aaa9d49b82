namespace Provisioner.Modules;

/// <summary>
/// The octal equivalent of a symbolic mode that sets every class outright (<c>u=rwx,g=rx,o=</c>), to
/// name in the fix when a symbolic mode is refused. A mode that adds or removes bits (<c>u+x</c>)
/// depends on the file's current mode and has no single equivalent.
/// </summary>
internal static class SymbolicMode
{
    public static string? ToOctal(string value)
    {
        var bits = new Dictionary<char, int>();
        foreach (var clause in value.Split(','))
        {
            var eq = clause.IndexOf('=');
            if (eq <= 0) return null;
            var who = clause[..eq] == "a" ? "ugo" : clause[..eq];
            if (!who.All(c => c is 'u' or 'g' or 'o')) return null;
            var perms = 0;
            foreach (var p in clause[(eq + 1)..])
            {
                if (p is not ('r' or 'w' or 'x')) return null;
                perms |= p switch { 'r' => 4, 'w' => 2, _ => 1 };
            }
            foreach (var c in who) bits[c] = perms;
        }
        return bits.Count == 3 ? $"0{bits['u']}{bits['g']}{bits['o']}" : null;
    }
}
