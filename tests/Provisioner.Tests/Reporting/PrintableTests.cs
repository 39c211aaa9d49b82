using Provisioner.Reporting;

namespace Provisioner.Tests.Reporting;

public sealed class PrintableTests
{
    [Theory]
    [InlineData("mail1", "mail1")]
    [InlineData("a\u001b]0;pwned\u0007b", "a\\x1B]0;pwned\\x07b")]
    [InlineData("over\rwrite", "over\\x0Dwrite")]
    [InlineData("c1\u009bcontrol", "c1\\x9Bcontrol")]
    [InlineData("del\u007f", "del\\x7F")]
    [InlineData("txt.exe\u202egnp", "txt.exe\\u202Egnp")]
    [InlineData("lines\nand\ttabs stay", "lines\nand\ttabs stay")]
    [InlineData("ünïcödé and 日本語 stay", "ünïcödé and 日本語 stay")]
    public void Control_characters_are_shown_escaped(string text, string shown) => Printable.Escape(text).ShouldBe(shown);
}
