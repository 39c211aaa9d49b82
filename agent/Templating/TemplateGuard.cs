using Fluid;
using Fluid.Ast;
using Fluid.Ast.BinaryExpressions;

namespace Provisioner.Templating;

/// <summary>
/// Rewrites a parsed template so that rendering it keeps secrets and stays within
/// <see cref="TemplateLimits"/>: outputs and assignments learn whether they read a secret, text is
/// counted wherever it is written, ranges are measured before they are built. Also collects what
/// cannot render: filters Fluid does not have (it would pass the value through silently), and
/// include and render (a template is one file; nothing resolves another).
/// </summary>
internal sealed class TemplateGuard(FilterCollection filters) : AstRewriter
{
    public List<string> UnknownFilters { get; } = [];
    public List<string> Unsupported { get; } = [];

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        if (!filters.TryGetValue(filterExpression.Name, out _)) UnknownFilters.Add(filterExpression.Name);
        return base.VisitFilterExpression(filterExpression);
    }

    protected override Expression VisitContainsBinaryExpression(ContainsBinaryExpression expression) =>
        new ChargedOperands((BinaryExpression)base.VisitContainsBinaryExpression(expression), (l, r) => new ContainsBinaryExpression(l, r));

    protected override Expression VisitEqualBinaryExpression(EqualBinaryExpression expression) =>
        new ChargedOperands((BinaryExpression)base.VisitEqualBinaryExpression(expression), (l, r) => new EqualBinaryExpression(l, r));

    protected override Expression VisitNotEqualBinaryExpression(NotEqualBinaryExpression expression) =>
        new ChargedOperands((BinaryExpression)base.VisitNotEqualBinaryExpression(expression), (l, r) => new NotEqualBinaryExpression(l, r));

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement) =>
        new BoundedCapture((CaptureStatement)base.VisitCaptureStatement(captureStatement));

    protected override Expression VisitRangeExpression(RangeExpression rangeExpression) =>
        new BoundedRange((RangeExpression)base.VisitRangeExpression(rangeExpression));

    /// <summary>Fluid's visitors stop at a member; an index (<c>a[(1..n)]</c>) is an expression like any other.</summary>
    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        var segments = memberExpression.Segments.Select(s => s is IndexerSegment i && Visit(i.Expression) is var e && e != i.Expression ? new IndexerSegment(e) : s).ToList();
        return segments.SequenceEqual(memberExpression.Segments) ? memberExpression : new MemberExpression(segments);
    }

    protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
    {
        Unsupported.Add("include");
        return includeStatement;
    }

    protected override Statement VisitRenderStatement(RenderStatement renderStatement)
    {
        Unsupported.Add("render");
        return renderStatement;
    }

    protected override Statement VisitOutputStatement(OutputStatement outputStatement)
    {
        var output = (OutputStatement)base.VisitOutputStatement(outputStatement);
        return new GuardedOutput(output, Reads.Of(output.Expression));
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        var assign = (AssignStatement)base.VisitAssignStatement(assignStatement);
        return new GuardedAssign(assign, Reads.Of(assign.Value));
    }

    protected override Statement VisitTextSpanStatement(TextSpanStatement textSpanStatement) => new CountedStatement(textSpanStatement);
    protected override Statement VisitRawStatement(RawStatement rawStatement) => new CountedStatement(rawStatement);
    protected override Statement VisitCycleStatement(CycleStatement cycleStatement) => new CountedStatement(base.VisitCycleStatement(cycleStatement));

    /// <summary>The variables an expression reads, including those in filter arguments and indexes.</summary>
    private sealed class Reads : AstVisitor
    {
        private readonly List<Expression> _found = [];

        public static IReadOnlyList<Expression> Of(Expression expression)
        {
            var reads = new Reads();
            reads.Visit(expression);
            return reads._found;
        }

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            _found.Add(memberExpression);
            foreach (var segment in memberExpression.Segments.OfType<IndexerSegment>()) Visit(segment.Expression);
            return memberExpression;
        }
    }
}
