using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Provisioner.Tests.Architecture;

/// <summary>
/// Which room of the agent (the second word of a namespace: Provisioner.Modules.Firewall is room
/// Modules) uses which, read from the compiled assembly: every type's base, interfaces, attributes,
/// members' signatures, locals and the types and members its method bodies name (the IL's tokens,
/// closures and async state machines included, as they are nested in the type that wrote them).
/// What the compiler copies in leaves no trace and is not seen: a <c>const</c>'s value, <c>nameof</c>,
/// a doc comment's <c>cref</c>.
/// </summary>
public static class RoomGraph
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OneByte = [];
    private static readonly Dictionary<short, OpCode> TwoByte = [];

    static RoomGraph()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            if (field.GetValue(null) is OpCode op)
                (op.Size == 1 ? OneByte : TwoByte)[op.Value] = op;
    }

    public static readonly Assembly Agent = typeof(Provisioner.Cli.Program).Assembly;

    /// <summary>The room a type lives in, or null for a type outside Provisioner.*.</summary>
    public static string? Room(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type.Namespace is { } ns && ns.StartsWith("Provisioner.", StringComparison.Ordinal) ? ns.Split('.')[1] : null;
    }

    /// <summary>
    /// Every use of one room by another: (from, to) → the uses, each "UsingType → UsedType" (the
    /// outermost type on both sides, so a lambda counts for the type that wrote it).
    /// </summary>
    public static IReadOnlyDictionary<(string From, string To), SortedSet<string>> Edges(Assembly assembly)
    {
        var edges = new Dictionary<(string, string), SortedSet<string>>();
        foreach (var type in assembly.GetTypes())
        {
            if (Room(type) is not { } from) continue;
            foreach (var used in Uses(type).Where(u => u.Assembly == assembly))
            {
                if (Room(used) is not { } to || to == from) continue;
                if (!edges.TryGetValue((from, to), out var why)) edges[(from, to)] = why = new SortedSet<string>(StringComparer.Ordinal);
                why.Add($"{Name(type)} → {Name(used)}");
            }
        }
        return edges;
    }

    /// <summary>Pairs of rooms that use each other, each once, in name order.</summary>
    public static IEnumerable<(string A, string B)> MutualPairs(IReadOnlyDictionary<(string From, string To), SortedSet<string>> edges) =>
        edges.Keys.Where(e => string.CompareOrdinal(e.From, e.To) < 0 && edges.ContainsKey((e.To, e.From)))
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal);

    private static string Name(Type type)
    {
        while (type.HasElementType) type = type.GetElementType()!;
        while (type.DeclaringType is { } outer && (type.IsDefined(typeof(CompilerGeneratedAttribute)) || type.Name.StartsWith('<'))) type = outer;
        if (type.IsGenericType) type = type.GetGenericTypeDefinition();
        return type.FullName ?? type.Name;
    }

    private static IEnumerable<Type> Uses(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || t.IsGenericParameter || !found.Add(t)) return;
            if (t.HasElementType) Add(t.GetElementType());
            if (t.IsGenericType)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var arg in t.GetGenericArguments()) Add(arg);
            }
        }
        void AddAttributes(IEnumerable<CustomAttributeData> attributes)
        {
            foreach (var a in attributes) Add(a.AttributeType);
        }
        void AddMethod(MethodBase method)
        {
            AddAttributes(method.CustomAttributes);
            if (method is MethodInfo info) Add(info.ReturnType);
            foreach (var p in method.GetParameters()) Add(p.ParameterType);
            if (method.IsGenericMethodDefinition)
                foreach (var g in method.GetGenericArguments())
                    foreach (var c in g.GetGenericParameterConstraints()) Add(c);
            if (method.GetMethodBody() is not { } body) return;
            foreach (var local in body.LocalVariables) Add(local.LocalType);
            foreach (var member in Tokens(method, body.GetILAsByteArray() ?? []))
                switch (member)
                {
                    case Type t: Add(t); break;
                    case FieldInfo f: Add(f.DeclaringType); Add(f.FieldType); break;
                    case MethodBase m:
                        Add(m.DeclaringType);
                        if (m is MethodInfo mi)
                        {
                            Add(mi.ReturnType);
                            if (mi.IsGenericMethod) foreach (var a in mi.GetGenericArguments()) Add(a);
                        }
                        foreach (var p in m.GetParameters()) Add(p.ParameterType);
                        break;
                }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        AddAttributes(type.CustomAttributes);
        if (type.IsGenericTypeDefinition)
            foreach (var g in type.GetGenericArguments())
                foreach (var c in g.GetGenericParameterConstraints()) Add(c);
        foreach (var f in type.GetFields(Declared)) { Add(f.FieldType); AddAttributes(f.CustomAttributes); }
        foreach (var p in type.GetProperties(Declared)) { Add(p.PropertyType); AddAttributes(p.CustomAttributes); }
        foreach (var e in type.GetEvents(Declared)) Add(e.EventHandlerType);
        foreach (var m in type.GetMethods(Declared)) AddMethod(m);
        foreach (var c in type.GetConstructors(Declared)) AddMethod(c);
        return found;
    }

    /// <summary>The types, fields and methods a method body names (the operands of its IL's token instructions).</summary>
    private static IEnumerable<MemberInfo> Tokens(MethodBase method, byte[] il)
    {
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var op = il[at] == 0xFE ? TwoByte[(short)(0xFE00 | il[at + 1])] : OneByte[il[at]];
            at += op.Size;
            switch (op.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    yield return method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArgs, methodArgs)!;
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                default:
                    at += op.OperandType switch
                    {
                        OperandType.InlineNone => 0,
                        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                        OperandType.InlineVar => 2,
                        OperandType.InlineI8 or OperandType.InlineR => 8,
                        _ => 4,
                    };
                    break;
            }
        }
    }
}
