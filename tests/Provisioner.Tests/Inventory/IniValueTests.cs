using Provisioner.Inventories;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Tests.Inventories;

/// <summary>
/// Python's literal_eval as Ansible applies it to INI values (issue 26, item 4). The common cases are
/// checked against ansible-inventory in the ini-types fixture; these are the edges.
/// </summary>
public sealed class IniValueTests
{
    private static object? Typed(string text) => Vars.FromNode(IniValue.Parse(text, SourceSpan.None), new SecretSet());

    [Theory]
    [InlineData("0b11", 3L)]
    [InlineData("- 4", -4L)]
    [InlineData("--4", 4L)]
    [InlineData("00", 0L)]
    [InlineData("True # set by hand", true)]
    [InlineData("'a' \"b\"", "ab")]
    [InlineData("r'C:\\new'", "C:\\new")]
    [InlineData("'tab\\there'", "tab\there")]
    [InlineData("'''triple'''", "triple")]
    [InlineData("u'\\u00e9'", "é")]
    public void Literals(string text, object expected) => Typed(text).ShouldBe(expected);

    [Theory]
    [InlineData("{1, 2}")]
    [InlineData("b'bytes'")]
    [InlineData("f'{x}'")]
    [InlineData("1+2")]
    [InlineData("5j")]
    [InlineData("1__0")]
    [InlineData("'unclosed")]
    [InlineData("[1,,2]")]
    [InlineData("len([1])")]
    [InlineData("1.2.3")]
    public void What_is_no_literal_stays_the_text(string text) => Typed(text).ShouldBe(text);

    [Fact]
    public void Floats_print_as_python_does_and_big_integers_stay_whole()
    {
        Typed("1e3").ShouldBe(1000.0m);
        ((IFormattable)Typed("1e3")!).ToString(null, System.Globalization.CultureInfo.InvariantCulture).ShouldBe("1000.0");
        Typed("2.50").ShouldBe(2.5m);
        Typed("123456789012345678901234567890").ShouldBe("123456789012345678901234567890");
    }

    [Fact]
    public void Deep_nesting_is_text_not_a_stack_overflow()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        Typed(deep).ShouldBe(deep);
    }

    [Fact]
    public void A_tuple_is_a_list_and_a_parenthesised_value_is_the_value()
    {
        Typed("(1,)").ShouldBe(new List<object?> { 1L });
        Typed("(1)").ShouldBe(1L);
        Typed("()").ShouldBe(new List<object?>());
        Typed("{'k': (None, False)}").ShouldBeOfType<Dictionary<string, object?>>()["k"].ShouldBe(new List<object?> { null, false });
    }
}
