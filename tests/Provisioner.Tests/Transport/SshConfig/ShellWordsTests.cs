using CsCheck;
using Provisioner.Transport.SshConfig;

namespace Provisioner.Tests.Transport.SshConfig;

public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("-o ProxyJump=a", new[] { "-o", "ProxyJump=a" })]
    [InlineData("  -F  'my config'\t-o \"User=x y\" ", new[] { "-F", "my config", "-o", "User=x y" })]
    [InlineData(@"-o A\ B ""q\""d"" ''", new[] { "-o", "A B", "q\"d", "" })]
    [InlineData("a'b'\"c\"d", new[] { "abcd" })]
    [InlineData("", new string[0])]
    public void Splits_like_sh(string text, string[] words) => ShellWords.Split(text).ShouldBe(words);

    [Theory]
    [InlineData("-o 'open")]
    [InlineData("-o \"open")]
    public void An_open_quote_is_no_words(string text) => ShellWords.Split(text).ShouldBeNull();

    [Fact]
    public void Quoting_with_ShellQuote_round_trips() =>
        Gen.String[Gen.Char, 0, 12].Array[0, 5].Sample(words =>
            ShellWords.Split(string.Join(' ', words.Select(Provisioner.Transport.ShellQuote.Quote)))!.ShouldBe(words));
}
