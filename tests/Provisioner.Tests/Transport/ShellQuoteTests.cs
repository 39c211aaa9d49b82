using CsCheck;
using Provisioner.Transport;

namespace Provisioner.Tests.Transport;

public class ShellQuoteTests
{
    // NUL cannot be part of an argv string, so it is the one character left out.
    private static readonly Gen<string> Piece = Gen.OneOf(
        Gen.Char['\u0001', '\u007f'].Select(c => c.ToString()),
        Gen.OneOf("'", "\"", "\n", "$", "`", "\\", "$(id)", "'\\''", "*", "~", "!", " ", "\t", "-n", "%s", "é", "日本", "🚀", "${HOME}", "\r\n"),
        Gen.Int[0x80, 0x10FFFF].Where(cp => cp is < 0xD800 or > 0xDFFF).Select(char.ConvertFromUtf32));

    private static readonly Gen<string> AnyString = Piece.Array[0, 12].Select(string.Concat);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("/etc/postfix/main.cf", "/etc/postfix/main.cf")]
    [InlineData("", "''")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$HOME", "'$HOME'")]
    public void Quotes_exactly(string value, string expected) => ShellQuote.Quote(value).ShouldBe(expected);

    [Fact]
    public void Any_string_survives_a_real_shell() =>
        AnyString.Sample(s =>
        {
            var result = LocalShell.Run("printf '%s\\0' " + ShellQuote.Quote(s));
            result.Exit.ShouldBe(0, result.Stderr);
            result.Stdout.ShouldBe(s + "\0");
        }, iter: 200);

    [Fact]
    public void Rendered_argv_round_trips_through_the_remote_wrapper()
    {
        // Exactly what the remote side sees: the login shell runs the wrapper text, which runs
        // sh -c on the rendered command. printf gets our argv back, NUL-separated.
        AnyString.Array[1, 5].Sample(args =>
        {
            var command = Command.Of([new Arg("printf"), new Arg("%s\\0"), .. args.Select(a => new Arg(a))]);
            var result = LocalShell.Run(BecomeWrapper.Wrap(command.Render(), BecomeMode.None, hasInput: false));
            result.Exit.ShouldBe(0, result.Stderr);
            LocalShell.NulSeparated(result.Stdout).ShouldBe(args);
        }, iter: 100);
    }

    [Fact]
    public void Secret_arguments_are_masked_in_display_but_not_in_render()
    {
        var command = Command.Of("chpasswd", new Arg("s3cr3t pw", Secret: true));
        command.Render().ShouldBe("chpasswd 's3cr3t pw'");
        command.Display().ShouldBe("chpasswd '********'");
    }
}
