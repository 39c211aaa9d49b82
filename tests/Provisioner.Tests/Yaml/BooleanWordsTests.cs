using Provisioner.Yaml;

namespace Provisioner.Tests.YamlTests;

/// <summary>
/// One reading of Ansible's boolean words (convert_bool's BOOLEANS_TRUE and BOOLEANS_FALSE, any case,
/// surrounding blanks ignored) for module arguments, play keywords, inventory settings, ansible.cfg
/// and ANSIBLE_* switches: before, module arguments and the inventory refused 'y', 't', 'n' and 'f'
/// that Ansible and provision's own ansible.cfg reader took.
/// </summary>
public sealed class BooleanWordsTests
{
    [Theory]
    [InlineData("y", true), InlineData("Yes", true), InlineData("on", true), InlineData("1", true), InlineData("TRUE", true), InlineData("t", true), InlineData(" yes ", true)]
    [InlineData("n", false), InlineData("No", false), InlineData("off", false), InlineData("0", false), InlineData("False", false), InlineData("f", false)]
    public void Ansibles_words_are_read(string word, bool expected) => BooleanWords.Read(word).ShouldBe(expected);

    [Theory]
    [InlineData("ture"), InlineData(""), InlineData("2"), InlineData("yess"), InlineData(null)]
    public void Anything_else_is_no_boolean(string? word) => BooleanWords.Read(word).ShouldBeNull();

    [Theory]
    [InlineData("t", true), InlineData("y", true), InlineData("f", false), InlineData("n", false)]
    public void A_module_argument_takes_the_same_words(string word, bool expected)
    {
        Provisioner.Modules.ArgReader.TryBool(word, out var b).ShouldBeTrue();
        b.ShouldBe(expected);
    }
}
