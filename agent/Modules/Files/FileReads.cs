using System.Globalization;
using System.Text;
using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Modules.Files;

/// <summary>
/// Many paths' file reads made by one command (file-reads.sh: one stat for all, one readlink for the
/// links, one cat | base64 for the contents), each path's answer put together exactly as file-read.sh
/// prints it alone, so <see cref="FileReader.Parse"/> cannot tell. Where the sections do not add up (a
/// path changed between the looks, a file that could not be read, a link target with a newline) it
/// answers none, and each path is read on its own as before.
/// </summary>
public sealed class FileReads : IReadJoint
{
    public static readonly FileReads Joint = new();

    private static readonly HostScript Script = HostScript.Load("file-reads.sh");

    private FileReads() { }

    /// <summary>A path's part: its content wanted (1) or not (0), then the path.</summary>
    public static JointRead Part(string path, bool withContent) => new(Joint, [(withContent ? "1" : "0") + path]);

    public Command Join(IReadOnlyList<JointRead> reads) =>
        Command.Script(Script.Inline([FileReader.MaxContent.ToString(CultureInfo.InvariantCulture), .. reads.Select(r => r.Args[0])]), readOnly: true);

    public IReadOnlyList<string?> Split(string stdout, IReadOnlyList<JointRead> reads)
    {
        var none = new string?[reads.Count];
        var sections = MarkedSections.Parse(stdout);
        var kinds = sections.Lines("kinds").FirstOrDefault()?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var stats = new Queue<string>(sections.Lines("stat").Where(l => l.Length > 0));
        var links = new Queue<string>(sections.Lines("links"));
        var digests = new Queue<string>(sections.Words("digests"));
        byte[] content;
        try { content = Convert.FromBase64String(sections.Text("content").Trim()); }
        catch (FormatException) { return none; }
        if (kinds.Length != reads.Count || stats.Count != kinds.Count(k => k != "absent")) return none;

        var answers = new string?[reads.Count];
        var at = 0;
        for (var i = 0; i < reads.Count; i++)
        {
            var kind = kinds[i];
            if (kind == "absent") { answers[i] = "absent\n"; continue; }
            var stat = stats.Dequeue();
            string? third = "";
            if (kind == "link" && !links.TryDequeue(out third)) return none;
            if (kind == "file" && reads[i].Args[0][0] == '1')
            {
                if (stat.Split(' ') is not [_, _, _, var sizeText, ..] || !long.TryParse(sizeText, CultureInfo.InvariantCulture, out var size)) return none;
                if (size > FileReader.MaxContent) third = digests.TryDequeue(out var digest) ? FileReader.DigestPrefix + digest : null;
                else if (at + size <= content.Length) { third = Convert.ToBase64String(content, at, (int)size); at += (int)size; }
                else return none;
                if (third is null) return none;
            }
            answers[i] = new StringBuilder().Append(kind).Append('\n').Append(stat).Append('\n').Append(third).Append('\n').ToString();
        }
        return at == content.Length && links.Count == 0 && digests.Count == 0 ? answers : none;
    }
}
