namespace Provisioner.Yaml;

/// <summary>
/// A glob (<c>*</c> any text, <c>?</c> one character, the rest literal) as host patterns and known_hosts
/// write them, matched without backtracking: a regular expression made from <c>*a*a*a…*b</c> tries every
/// split of a long name and never ends. Here a mismatch only moves the last <c>*</c> on by one
/// character, so a match takes at most name length × pattern length steps.
/// </summary>
public static class Glob
{
    public static bool IsGlob(string term) => term.AsSpan().IndexOfAny('*', '?') >= 0;

    public static bool Matches(string pattern, string text)
    {
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[n])) { p++; n++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; resume = n; }
            else if (star >= 0) { p = star + 1; n = ++resume; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
