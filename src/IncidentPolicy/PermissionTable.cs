using System.Collections.Frozen;
using System.Collections.ObjectModel;

namespace IncidentPolicy;

/// <summary>
/// Which roles may issue which command. A command whose list contains <see cref="Anyone"/> (<c>*</c>), or that
/// the table does not list, may be issued by any known actor.
/// </summary>
/// <remarks>Roles are checked against the actor's organisation roles together with the roles the incident gave
/// them (see <see cref="Lifecycle.Actor"/>). Immutable and thread-safe.</remarks>
public sealed class PermissionTable
{
    /// <summary>The wildcard entry: any known actor.</summary>
    public const string Anyone = "*";

    private readonly FrozenDictionary<CommandKind, string[]> _roles;

    /// <summary>Creates a table.</summary>
    /// <param name="rolesByCommand">For each command, the role ids that may issue it (or <c>*</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="rolesByCommand"/> is null.</exception>
    public PermissionTable(IReadOnlyDictionary<CommandKind, IReadOnlyList<string>> rolesByCommand)
    {
        ArgumentNullException.ThrowIfNull(rolesByCommand);
        _roles = rolesByCommand.ToFrozenDictionary(p => p.Key, p => p.Value.Distinct(StringComparer.Ordinal).ToArray());
        Entries = new ReadOnlyDictionary<CommandKind, IReadOnlyList<string>>(
            Enum.GetValues<CommandKind>().Where(_roles.ContainsKey).ToDictionary(k => k, k => (IReadOnlyList<string>)Array.AsReadOnly(_roles[k])));
    }

    /// <summary>A table that lets any known actor issue any command.</summary>
    public static PermissionTable Open { get; } = new(new Dictionary<CommandKind, IReadOnlyList<string>>());

    /// <summary>The entries, in <see cref="CommandKind"/> order.</summary>
    public IReadOnlyDictionary<CommandKind, IReadOnlyList<string>> Entries { get; }

    /// <summary>The roles that may issue <paramref name="command"/>, or <see langword="null"/> when anyone may.</summary>
    /// <param name="command">A command.</param>
    /// <returns>The role ids, or <see langword="null"/>.</returns>
    public IReadOnlyList<string>? RolesFor(CommandKind command) =>
        _roles.TryGetValue(command, out var roles) && !roles.Contains(Anyone) ? roles : null;

    /// <summary>Whether someone holding <paramref name="roles"/> may issue <paramref name="command"/>.</summary>
    /// <param name="command">A command.</param>
    /// <param name="roles">The roles held (organisation and incident roles).</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public bool Allows(CommandKind command, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var allowed = RolesFor(command);
        return allowed is null || roles.Any(r => allowed.Contains(r, StringComparer.Ordinal));
    }
}
