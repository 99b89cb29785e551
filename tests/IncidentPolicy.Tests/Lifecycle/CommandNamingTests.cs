using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Tests.Lifecycle;

/// <summary>The command set is named consistently, as <see cref="IncidentCommand"/> documents: every command type has
/// the <see cref="CommandKind"/> of its own name, every kind has its command type, and each command's event has the
/// same kind.</summary>
public sealed class CommandNamingTests
{
    private static readonly Type[] CommandTypes = typeof(IncidentCommand).Assembly.GetExportedTypes()
        .Where(t => t.IsSubclassOf(typeof(IncidentCommand)) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void EveryCommandKind_HasTheCommandTypeOfItsName_AndNoOther()
    {
        Assert.Equal(
            Enum.GetNames<CommandKind>().Order(StringComparer.Ordinal),
            CommandTypes.Select(t => t.Name));
    }

    [Fact]
    public void EveryCommand_IsInTheLifecycleNamespace_AndNamedForItsKind()
    {
        Assert.All(CommandTypes, t => Assert.Equal(typeof(IncidentCommand).Namespace, t.Namespace));
        Assert.All(CommandTypes, t => Assert.Equal(t.Name, Enum.GetName(KindOf(t))));
    }

    private static CommandKind KindOf(Type commandType)
    {
        var constructor = commandType.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => p.ParameterType == typeof(string) ? "x" : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray();
        return ((IncidentCommand)constructor.Invoke(arguments)).Kind;
    }
}
