using System.Reflection;

namespace IncidentPolicy.Tests.Architecture;

/// <summary>
/// Checks that namespaces form floors: a type may refer to types of its own namespace and of namespaces on lower
/// floors only — never to a namespace on its own floor or above. The floors are listed bottom first.
/// </summary>
internal sealed class NamespaceFloors
{
    private readonly Dictionary<string, int> _floorOf = new(StringComparer.Ordinal);

    public NamespaceFloors(params string[][] floors)
    {
        for (var floor = 0; floor < floors.Length; floor++)
        {
            foreach (var name in floors[floor])
            {
                _floorOf.Add(name, floor);
            }
        }
    }

    public IReadOnlyCollection<string> Namespaces => _floorOf.Keys;

    /// <summary>The namespaces under <paramref name="prefix"/> in <paramref name="assembly"/> that no floor lists.</summary>
    public IReadOnlyList<string> Unplaced(Assembly assembly, string prefix) =>
        Checked(assembly, prefix).Select(t => t.Namespace!).Distinct().Where(n => !_floorOf.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Every reference from a type to a type on the same floor (another namespace) or a higher one, as
    /// <c>Source.Type → Target.Type (how)</c>, one line per distinct (source, target, how).</summary>
    public IReadOnlyList<string> Violations(Assembly assembly, string prefix)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            var source = TypeReferences.Outermost(type);
            if (!IsChecked(source, prefix) || !_floorOf.TryGetValue(source.Namespace!, out var from))
            {
                continue;
            }

            foreach (var (target, how) in TypeReferences.Of(type))
            {
                var outer = TypeReferences.Outermost(target);
                if (!IsChecked(outer, prefix) || outer.Namespace == source.Namespace)
                {
                    continue;
                }

                if (!_floorOf.TryGetValue(outer.Namespace!, out var to) || to >= from)
                {
                    lines.Add($"{type.FullName} → {target.FullName} ({how})");
                }
            }
        }

        return lines.ToList();
    }

    private static IEnumerable<Type> Checked(Assembly assembly, string prefix) =>
        assembly.GetTypes().Where(t => IsChecked(TypeReferences.Outermost(t), prefix));

    // Compiler-generated top-level types (<PrivateImplementationDetails>, collection-expression helpers, generated
    // regexes, embedded attributes) live outside the prefix and are not checked.
    private static bool IsChecked(Type type, string prefix) =>
        type.Namespace is { } name && (name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal));
}
