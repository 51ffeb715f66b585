using System.Reflection;
using System.Reflection.Emit;

namespace Sweep.Client.Tests.Architecture;

/// <summary>
/// The command line is one program over one interface: outside its hosting folder
/// (namespace Sweep.Client.Hosting), no type of the client touches the Grains assembly (grain
/// state classes, storage, silo hosting) or SQLite. Checked on the compiled client, in
/// signatures and in method bodies, so that neither a using nor a fully qualified name slips by.
/// </summary>
public sealed class ClientLayeringTests
{
    private static readonly string[] ForbiddenAssemblies = ["Sweep.Grains", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core"];

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void Nothing_outside_the_hosting_folder_uses_the_grains_assembly_or_sqlite()
    {
        Assembly client = typeof(CommandLine).Assembly;
        var offences = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Type type in client.GetTypes().Where(t => !IsHosting(t)))
        {
            foreach ((string where, Type used) in UsedTypes(type))
            {
                if (Forbidden(used) is { } assembly)
                {
                    offences.Add($"{type.FullName} {where} uses {used.FullName} ({assembly})");
                }
            }
        }

        Assert.True(offences.Count == 0, "outside Client/Hosting:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_check_finds_a_use_inside_a_method_body()
    {
        // The hosting folder itself must use the Grains assembly in bodies (it hosts the silo):
        // if the scan saw nothing there, the test above could not fail.
        Type local = typeof(CommandLine).Assembly.GetTypes().Single(t => t.FullName == "Sweep.Client.Hosting.Local.StoreCampaignTarget");
        Assert.Contains(UsedTypes(local), u => Forbidden(u.Type) is not null);
    }

    private static bool IsHosting(Type type)
        => type.Namespace is { } ns && (ns == "Sweep.Client.Hosting" || ns.StartsWith("Sweep.Client.Hosting.", StringComparison.Ordinal));

    private static string? Forbidden(Type type)
    {
        foreach (Type t in Expand(type))
        {
            string? name = t.Assembly.GetName().Name;
            if (ForbiddenAssemblies.Contains(name))
            {
                return name;
            }
        }

        return null;
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            foreach (Type t in Expand(type.GetElementType()!))
            {
                yield return t;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (Type t in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return t;
            }
        }
    }

    private static IEnumerable<(string Where, Type Type)> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } b)
        {
            yield return ("base type", b);
        }

        foreach (Type i in type.GetInterfaces())
        {
            yield return ("interface", i);
        }

        foreach (FieldInfo f in type.GetFields(all))
        {
            yield return ($"field {f.Name}", f.FieldType);
        }

        foreach (PropertyInfo p in type.GetProperties(all))
        {
            yield return ($"property {p.Name}", p.PropertyType);
        }

        foreach (MethodBase m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (m is MethodInfo mi)
            {
                yield return ($"{m.Name} returns", mi.ReturnType);
            }

            foreach (ParameterInfo p in m.GetParameters())
            {
                yield return ($"{m.Name} parameter {p.Name}", p.ParameterType);
            }

            if (m.GetMethodBody() is { } body)
            {
                foreach (LocalVariableInfo l in body.LocalVariables)
                {
                    yield return ($"{m.Name} local", l.LocalType);
                }

                foreach (Type t in TokensIn(m, body.GetILAsByteArray() ?? []))
                {
                    yield return ($"{m.Name} body", t);
                }
            }
        }
    }

    /// <summary>The types named by the IL's metadata tokens: methods called, fields read, types made or tested.</summary>
    private static IEnumerable<Type> TokensIn(MethodBase method, byte[] il)
    {
        Type[]? typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            OpCode op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    MemberInfo member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs)!;
                    foreach (Type t in TypesOf(member))
                    {
                        yield return t;
                    }

                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineSig or OperandType.InlineString or OperandType.ShortInlineR:
                    i += 4;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
            }
        }
    }

    private static IEnumerable<Type> TypesOf(MemberInfo member)
    {
        switch (member)
        {
            case Type t:
                yield return t;
                break;
            case FieldInfo f:
                yield return f.DeclaringType!;
                yield return f.FieldType;
                break;
            case MethodBase m:
                yield return m.DeclaringType!;
                if (m is MethodInfo mi)
                {
                    yield return mi.ReturnType;
                    foreach (Type g in mi.IsGenericMethod ? mi.GetGenericArguments() : [])
                    {
                        yield return g;
                    }
                }

                foreach (ParameterInfo p in m.GetParameters())
                {
                    yield return p.ParameterType;
                }

                break;
        }
    }
}
