using Provisioner.Vault;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Provisioner.Yaml;

/// <summary>
/// Reads YAML from YamlDotNet's parser events so that every node keeps its line and column, and so
/// that depth and aliases are bounded while reading (<see cref="NodeBuilder"/>). A scalar tagged
/// <c>!secret</c> (or any scalar of a file loaded as secret) is marked secret and is masked wherever
/// it is shown. Files are read through <see cref="InputFile"/>: bounded, regular files, strict UTF-8.
/// A file encrypted with ansible-vault, or a scalar tagged <c>!vault</c>, is decrypted with the run's
/// <see cref="VaultKeys"/>, and everything in it is secret; without a fitting password it is an error.
/// </summary>
public static class YamlLoader
{
    public const string SecretTag = "!secret";
    public const string VaultTag = "!vault";

    public static Node? LoadFile(string path, Diagnostics diagnostics, bool allSecret = false, VaultKeys? vault = null) =>
        ReadText(path, diagnostics, vault) is { } read ? LoadText(read.Text, path, diagnostics, allSecret || read.Vaulted, vault) : null;

    /// <summary>A file's text, decrypted when it is a vault (then <c>Vaulted</c>: all of it is secret).</summary>
    public static (string Text, bool Vaulted)? ReadText(string path, Diagnostics diagnostics, VaultKeys? vault)
    {
        if (InputFile.ReadText(path, diagnostics) is not { } text) return null;
        if (!VaultEnvelope.IsVault(text)) return (text, false);
        return (vault ?? VaultKeys.None).Decrypt(text, new SourceSpan(path, 1, 1), "the file", diagnostics) is { } plain ? (plain, true) : null;
    }

    public static Node? LoadText(string text, string file, Diagnostics diagnostics, bool allSecret = false, VaultKeys? vault = null)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (!parser.Accept<DocumentStart>(out _)) return new MapNode([], new SourceSpan(file, 1, 1));
            parser.Consume<DocumentStart>();
            var root = new NodeBuilder(file, diagnostics, allSecret, vault ?? VaultKeys.None).Document(parser);
            if (root is null) return null;
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
                diagnostics.Add(new SourceSpan(file, (int)next.Start.Line, (int)next.Start.Column), "more than one YAML document in the file", "keep one document per file (remove extra '---' separators)");
            return root;
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException is YamlException ie ? ie : ex;
            diagnostics.Add(new SourceSpan(file, (int)inner.Start.Line, (int)inner.Start.Column),
                $"YAML syntax error: {Clean(inner.Message)}", "fix the YAML syntax (indentation, a missing ':' or an unclosed quote)");
            return null;
        }
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes positions we already report.
        var idx = message.IndexOf("): ", StringComparison.Ordinal);
        return idx >= 0 && message.StartsWith('(') ? message[(idx + 3)..] : message;
    }
}
