using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Ast.BinaryExpressions;
using Fluid.Values;

namespace Provisioner.Templating;

/// <summary>
/// An output (<c>{{ … }}</c>): its text counts towards the render's, and when its expression read a
/// secret the text is registered as one — so <c>{{ pw | upcase }}</c> or <c>{{ pw | base64_encode }}</c>
/// is masked wherever it is shown, not only the secret itself.
/// </summary>
internal sealed class GuardedOutput(Statement output, IReadOnlyList<Expression> reads) : Statement
{
    public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        var render = (RenderContext)context;
        // Without a secret in the run there is nothing to taint: the text goes straight out, one copy fewer.
        if (render.Secrets.IsEmpty) return await output.WriteToAsync(new ChargingWriter(writer, render.Budget.Text), encoder, context);
        // Read before and after: an assignment may have replaced a name the expression reads.
        var secret = await SecretTaint.ReadsSecretAsync(reads, render);
        using var buffer = new StringWriter();
        // Charged as it is written, so a limit stops it before the copies below.
        var completion = await output.WriteToAsync(new ChargingWriter(buffer, render.Budget.Text), encoder, context);
        var text = buffer.ToString();
        if (secret || await SecretTaint.ReadsSecretAsync(reads, render)) render.Secrets.Add(text);
        await writer.WriteAsync(text);
        return completion;
    }
}

/// <summary>An assignment (<c>{% assign x = pw | upcase %}</c>) whose value read a secret makes its value one.</summary>
internal sealed class GuardedAssign(AssignStatement assign, IReadOnlyList<Expression> reads) : Statement
{
    public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        var render = (RenderContext)context;
        var secret = await SecretTaint.ReadsSecretAsync(reads, render);
        var completion = await assign.WriteToAsync(writer, encoder, context);
        if (secret || await SecretTaint.ReadsSecretAsync(reads, render))
            foreach (var text in SecretTaint.Strings(context.GetValue(assign.Identifier), render)) render.Secrets.Add(text);
        return completion;
    }
}

/// <summary>Text a statement writes (literal text, raw, cycle) counts towards the render's, wherever it is written.</summary>
internal sealed class CountedStatement(Statement statement) : Statement
{
    public override ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context) =>
        statement.WriteToAsync(new ChargingWriter(writer, ((RenderContext)context).Budget.Text), encoder, context);
}

/// <summary>
/// An operator that compares whole values (<c>contains</c>, <c>==</c>, <c>!=</c>) reads each operand
/// through: charged by their size (<see cref="FilterWork"/>) before it runs on them.
/// </summary>
internal sealed class ChargedOperands(BinaryExpression expression, Func<Expression, Expression, BinaryExpression> remake) : Expression
{
    public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
    {
        var left = await expression.Left.EvaluateAsync(context);
        var right = await expression.Right.EvaluateAsync(context);
        FilterWork.Read(left, (RenderContext)context);
        FilterWork.Read(right, (RenderContext)context);
        return await remake(new LiteralExpression(left), new LiteralExpression(right)).EvaluateAsync(context);
    }
}

/// <summary>
/// A capture, with its text bounded as it is written: one that doubles itself each time round a loop
/// used to reach the render's whole text limit, copies and all (2.7 s, 690 MB), before it stopped.
/// </summary>
internal sealed class BoundedCapture(CaptureStatement capture) : Statement
{
    public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        using var buffer = new StringWriter();
        var written = 0L;
        var bounded = new ChargingWriter(buffer, n => { if ((written += n) > TemplateLimits.MaxCaptureChars) throw TemplateLimits.Capture(); });
        var completion = Completion.Normal;
        foreach (var statement in capture.Statements)
        {
            completion = await statement.WriteToAsync(bounded, encoder, context);
            if (completion != Completion.Normal) break;
        }
        context.SetValue(capture.Identifier, new StringValue(buffer.ToString(), false));
        return completion;
    }
}

/// <summary>A range (<c>(1..n)</c>) is built as a list; its size is checked before it is.</summary>
internal sealed class BoundedRange(RangeExpression range) : Expression
{
    public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
    {
        var from = (await range.From.EvaluateAsync(context)).ToNumberValue();
        var to = (await range.To.EvaluateAsync(context)).ToNumberValue();
        if (to - from + 1 > TemplateLimits.MaxItems) throw TemplateLimits.Items();
        return await range.EvaluateAsync(context);
    }
}
