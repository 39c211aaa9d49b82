using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace Provisioner.Reporting;

/// <summary>Unified diff (3 lines of context) of a file's old and new content, as `diff -u` prints it.</summary>
public static class UnifiedDiff
{
    public static string Render(string path, string? before, string? after, int context = 3)
    {
        var a = Lines(before);
        var b = Lines(after);
        var result = Differ.Instance.CreateDiffs(string.Join('\n', a), string.Join('\n', b), false, false, LineChunker.Instance);
        var sb = new StringBuilder();
        sb.Append("--- ").Append(before is null ? "/dev/null" : path + " (host)").Append('\n');
        sb.Append("+++ ").Append(after is null ? "/dev/null" : path + " (playbook)").Append('\n');
        var ops = Ops(result, a.Count, b.Count);
        for (var i = 0; i < ops.Count;)
        {
            if (ops[i].Kind == ' ') { i++; continue; }
            var start = Math.Max(0, i - context);
            var end = i;
            // Extend the hunk while changes are within 2*context lines of each other.
            while (end < ops.Count)
            {
                if (ops[end].Kind != ' ') { end++; continue; }
                var next = end;
                while (next < ops.Count && ops[next].Kind == ' ') next++;
                if (next < ops.Count && next - end <= 2 * context) { end = next; continue; }
                end = Math.Min(ops.Count, end + context);
                break;
            }
            var hunk = ops.GetRange(start, end - start);
            var aStart = hunk.FirstOrDefault(o => o.Kind != '+')?.A ?? hunk[0].A;
            var bStart = hunk.FirstOrDefault(o => o.Kind != '-')?.B ?? hunk[0].B;
            var aLen = hunk.Count(o => o.Kind != '+');
            var bLen = hunk.Count(o => o.Kind != '-');
            sb.Append($"@@ -{(aLen == 0 ? aStart : aStart + 1)},{aLen} +{(bLen == 0 ? bStart : bStart + 1)},{bLen} @@\n");
            foreach (var op in hunk) sb.Append(op.Kind).Append(op.Text).Append('\n');
            i = end;
        }
        return sb.ToString();
    }

    private sealed record Op(char Kind, string Text, int A, int B);

    private static List<Op> Ops(DiffResult diff, int aCount, int bCount)
    {
        var ops = new List<Op>();
        int ai = 0, bi = 0;
        foreach (var block in diff.DiffBlocks)
        {
            while (ai < block.DeleteStartA) ops.Add(new Op(' ', diff.PiecesOld[ai], ai++, bi++));
            for (var k = 0; k < block.DeleteCountA; k++) ops.Add(new Op('-', diff.PiecesOld[ai], ai++, bi));
            for (var k = 0; k < block.InsertCountB; k++) ops.Add(new Op('+', diff.PiecesNew[bi], ai, bi++));
        }
        while (ai < aCount && bi < bCount) ops.Add(new Op(' ', diff.PiecesOld[ai], ai++, bi++));
        return ops;
    }

    private static List<string> Lines(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var lines = text.Split('\n').ToList();
        if (lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}
