using System.Collections.Frozen;
using System.Collections.ObjectModel;

namespace IncidentPolicy;

/// <summary>
/// Which roles may issue which command. A command whose list contains <see cref="Anyone"/> (<c>*</c>), or that
/// the table does not list, may be issued by any known actor; one whose list is empty, by nobody.
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

    /// <summary>A table that lets any known actor issue any command. A policy gets it only when it says so: in a
    /// policy file, <c>"permissions": {"*": ["*"]}</c>.</summary>
    public static PermissionTable Open { get; } = new(new Dictionary<CommandKind, IReadOnlyList<string>>());

    /// <summary>
    /// The safe table a policy gets when it sets no permissions: anyone may raise an alert, join one to an open
    /// incident, clear one and add a note (whoever may raise an alert may join and clear it); the Incident Commander
    /// and <paramref name="resolverRoles"/> may resolve (and the commander rule still applies); only holders of
    /// <paramref name="roles"/> — the policy's own roles, not the roles an incident gives — may migrate an incident to
    /// another policy; every other command is for someone holding a role: one of <paramref name="roles"/> in the
    /// organisation, or a role the incident gave them — <c>incident-commander</c> for its commander,
    /// <c>on-call-engineer</c> for whoever acknowledged, and any role assigned to them. A bystander holding none may
    /// not act.
    /// </summary>
    /// <remarks>Recording notifications and reminders is for role holders too: a host records them as an actor holding
    /// one of the policy's roles (the ChatOpsBot sample takes the first role the table allows), so that nobody
    /// without a role can mark a page as sent.</remarks>
    /// <param name="roles">The policy's role ids.</param>
    /// <param name="resolverRoles">The lifecycle's resolver roles.</param>
    /// <returns>A table naming every command.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static PermissionTable Secure(IEnumerable<string> roles, IEnumerable<string> resolverRoles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(resolverRoles);
        string[] anyone = [Anyone];
        string[] policyRoles = [.. roles.Distinct(StringComparer.Ordinal)];
        string[] holders = [.. policyRoles.Concat(BuiltInRoles).Distinct(StringComparer.Ordinal)];
        string[] resolvers = [.. new[] { LifecycleRules.CommanderRole }.Concat(resolverRoles).Distinct(StringComparer.Ordinal)];
        return new PermissionTable(Enum.GetValues<CommandKind>().ToDictionary(
            c => c,
            c => (IReadOnlyList<string>)(c switch
            {
                CommandKind.RaiseAlert or CommandKind.JoinAlert or CommandKind.ClearAlert or CommandKind.AddNote => anyone,
                CommandKind.AdoptPolicy => policyRoles,
                CommandKind.Resolve => resolvers,
                _ => holders,
            })));
    }

    /// <summary>The roles an incident gives without the policy listing them: its commander holds
    /// <c>incident-commander</c>, whoever acknowledged holds <c>on-call-engineer</c>. A permission list may name them
    /// whether or not the policy has them as roles.</summary>
    public static IReadOnlyList<string> BuiltInRoles { get; } = Array.AsReadOnly([LifecycleRules.CommanderRole, LifecycleRules.OnCallRole]);

    /// <summary>The commands nobody may issue: those whose list is empty.</summary>
    /// <returns>The commands, in <see cref="CommandKind"/> order.</returns>
    public IReadOnlyList<CommandKind> CommandsNobodyMayIssue() =>
        Entries.Where(e => e.Value.Count == 0).Select(e => e.Key).ToList().AsReadOnly();

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
