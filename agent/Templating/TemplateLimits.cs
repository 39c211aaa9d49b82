namespace Provisioner.Templating;

/// <summary>
/// The bounds every render runs within. Liquid and variables that are templates can ask for
/// exponential text, endless loops or nesting deep enough to overflow the stack (which no catch can
/// stop); these turn each of those into an error that names its limit, reported as invalid input.
/// Text is counted in characters.
/// </summary>
public static class TemplateLimits
{
    /// <summary>Block tags (if, for, case, capture, …) and brackets inside each other in one template.</summary>
    public const int MaxNesting = 64;

    /// <summary>Filters and operators in one expression: each is a level of recursion when rendered.</summary>
    public const int MaxExpression = 64;

    /// <summary>Variables whose value reads a variable whose value reads a variable …</summary>
    public const int MaxVariableDepth = 16;

    /// <summary>
    /// Nesting summed over a template and the variables rendered inside it, which share one stack:
    /// what fits, with room to spare, in a thread-pool thread's stack.
    /// </summary>
    public const int MaxTotalNesting = 160;

    /// <summary>Values of variables rendered for one template (a value read twice in one template renders once).</summary>
    public const int MaxVariableRenders = 10_000;

    /// <summary>Liquid steps (tags, outputs, loop iterations) of one template and the variables it reads.</summary>
    public const int MaxSteps = 1_000_000;

    public const int MaxOutputMiB = 16;

    /// <summary>
    /// Text one capture may hold (a piece of a file, far more than any real one). A capture that doubles
    /// itself round a loop stops here, before its copies cost a second and hundreds of MiB.
    /// </summary>
    public const int MaxCaptureMiB = 1;

    /// <summary>Text made while rendering (output, captures, filter results), including the variables read.</summary>
    public const int MaxTextMiB = 64;

    /// <summary>Items in one list a template makes (a range, a split, a concat).</summary>
    public const int MaxItems = 1_000_000;

    internal const int MaxOutputChars = MaxOutputMiB * 1024 * 1024;
    internal const int MaxCaptureChars = MaxCaptureMiB * 1024 * 1024;
    internal const long MaxTextChars = MaxTextMiB * 1024L * 1024;

    public const string Fix = "these limits stop runaway templates; make the template or the variables it reads smaller";

    internal static TemplateException Nesting() => new($"tags nest more than {MaxNesting} deep (limit)");
    internal static TemplateException Steps() => new($"template rendering exceeds {MaxSteps} steps (limit)");
    internal static TemplateException Output() => new($"template output exceeds {MaxOutputMiB} MiB (limit)");
    internal static TemplateException Text() => new($"template rendering produces more than {MaxTextMiB} MiB of text (limit)");
    internal static TemplateException FilterOutput(string filter) => new($"filter '{filter}' produces more than {MaxOutputMiB} MiB of text (limit)");
    internal static TemplateException Capture() => new($"a capture holds more than {MaxCaptureMiB} MiB of text (limit)");
    internal static TemplateException Items() => new($"a list exceeds {MaxItems} items (limit)");
    internal static TemplateException VariableRenders() => new($"variables are rendered more than {MaxVariableRenders} times (limit)");
    internal static TemplateException VariableDepth(string chain) => new($"variables nest more than {MaxVariableDepth} deep (limit): {chain}");
    internal static TemplateException TotalNesting() => new($"nesting through variables exceeds {MaxTotalNesting} levels (limit): tags, filters and variables read inside variables add up");
}

/// <summary>A render that cannot finish, with what to do about it; becomes a render error, never escapes the engine.</summary>
public sealed class TemplateException(string message, string fix = TemplateLimits.Fix) : Exception(message)
{
    public string Fix { get; } = fix;

    /// <summary>Set when the render stopped at an undefined name, which is reported by name like any other.</summary>
    public string? Undefined { get; init; }
}
