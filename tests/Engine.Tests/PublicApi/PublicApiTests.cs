using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Inburgering.Engine;

namespace Inburgering.Engine.Tests.PublicApi;

/// <summary>
/// The engine's public surface is what hosts build on (docs/engine-api.md describes it). It is listed in
/// <c>PublicApi.txt</c> beside this file, so that it cannot grow or change unnoticed: a change fails this test until the
/// list is updated on purpose (run the test with <c>INBURGERING_ACCEPT_PUBLIC_API=1</c> to rewrite it, then review the diff).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicSurface_MatchesTheCheckedInList()
    {
        var actual = Describe(typeof(ProcessEngine).Assembly);
        var file = Path.Combine(SourceFolder(), "PublicApi.txt");
        if (Environment.GetEnvironmentVariable("INBURGERING_ACCEPT_PUBLIC_API") == "1")
        {
            File.WriteAllText(file, actual);
        }

        var expected = File.Exists(file) ? File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal) : "";
        var added = actual.Split('\n').Except(expected.Split('\n')).ToList();
        var removed = expected.Split('\n').Except(actual.Split('\n')).ToList();
        Assert.True(
            added.Count == 0 && removed.Count == 0,
            $"The engine's public surface changed. Added:\n  {string.Join("\n  ", added)}\nRemoved:\n  {string.Join("\n  ", removed)}\n"
            + "If that is intended, update tests/Engine.Tests/PublicApi/PublicApi.txt (INBURGERING_ACCEPT_PUBLIC_API=1) and docs/engine-api.md.");
    }

    [Fact]
    public void PublicSurface_HasNoPersistenceTypesButTheProviderChoice()
    {
        var persistence = typeof(ProcessEngine).Assembly.GetExportedTypes().Where(t => t.Namespace == "Inburgering.Engine.Persistence").Select(t => t.Name);

        Assert.Equal(["DatabaseProvider"], persistence);
    }

    private static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(Name(type));
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum) && !type.IsEnum)
            {
                text.Append(" : ").Append(Name(baseType));
            }

            text.Append('\n');
            foreach (var member in Members(type))
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Members(Type type)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.IsEnum)
        {
            return Enum.GetNames(type).Select(n => $"{n}");
        }

        var members = new List<string>();
        members.AddRange(type.GetConstructors(Flags).Select(c => $"ctor({Parameters(c)})"));
        members.AddRange(type.GetFields(Flags).Where(f => !f.IsSpecialName).Select(f => $"{(f.IsStatic ? "static " : "")}{(f.IsLiteral ? "const " : "")}field {Name(f.FieldType)} {f.Name}"));
        members.AddRange(type.GetProperties(Flags).Where(p => !IsHidden(p.Name)).Select(p =>
            $"{(p.GetMethod?.IsStatic ?? p.SetMethod?.IsStatic ?? false ? "static " : "")}property {Name(p.PropertyType)} {p.Name} {{{(p.GetMethod?.IsPublic == true ? " get;" : "")}{(p.SetMethod?.IsPublic == true ? (IsInit(p.SetMethod) ? " init;" : " set;") : "")} }}"));
        members.AddRange(type.GetMethods(Flags).Where(m => !m.IsSpecialName && !IsHidden(m.Name) && !IsRecordPlumbing(type, m)).Select(m =>
            $"{(m.IsStatic ? "static " : "")}method {Name(m.ReturnType)} {m.Name}{(m.IsGenericMethod ? $"<{string.Join(", ", m.GetGenericArguments().Select(Name))}>" : "")}({Parameters(m)})"));
        members.AddRange(type.GetEvents(Flags).Select(e => $"event {Name(e.EventHandlerType!)} {e.Name}"));
        return members.Order(StringComparer.Ordinal);
    }

    private static bool IsHidden(string name) => name.StartsWith('<');

    private static bool IsInit(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    /// <summary>What the compiler writes for every record (equality, printing, deconstruction) says nothing about the surface.</summary>
    private static bool IsRecordPlumbing(Type type, MethodInfo method) =>
        type.GetMethod("<Clone>$") is not null
        && method.Name is "Equals" or "GetHashCode" or "ToString" or "PrintMembers" or "Deconstruct" or "op_Equality" or "op_Inequality";

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = …" : "")}"));

    private static string Kind(Type type) =>
        type.IsEnum ? "enum"
        : type.IsInterface ? "interface"
        : type.IsValueType ? "struct"
        : type.IsAbstract && type.IsSealed ? "static class"
        : type.GetMethod("<Clone>$") is not null ? "record"
        : type.IsAbstract ? "abstract class"
        : "class";

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!) + "&";
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        var name = type.IsNested && !type.IsGenericParameter ? $"{Name(type.DeclaringType!)}.{type.Name}" : type.IsGenericParameter ? type.Name : type.FullName ?? type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var baseName = tick < 0 ? name : name[..tick];
        return $"{baseName}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
