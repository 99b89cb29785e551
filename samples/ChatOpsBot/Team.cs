using IncidentPolicy;
using IncidentPolicy.Escalation;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace ChatOpsBot;

/// <summary>
/// Who the chat users are to the policy: the organisation roles each one holds (from a team file) plus the roles
/// of the on-call schedules that have them on call at the moment. The library's <see cref="Actor"/> is built from
/// both, so the policy's permission table and <c>CanView</c> see what the organisation knows.
/// </summary>
internal sealed class Team
{
    private readonly IReadOnlyList<(string Person, IReadOnlyList<string> Roles)> _members;

    public Team(IEnumerable<(string Person, IReadOnlyList<string> Roles)> members)
    {
        _members = members.ToList();
    }

    /// <summary>The people listed, in file order.</summary>
    public IEnumerable<string> People => _members.Select(m => m.Person);

    /// <summary>Reads lines <c>person: role, role</c>; <c>#</c> starts a comment. Throws <see cref="FormatException"/>
    /// naming the line of a bad entry.</summary>
    public static Team Parse(string text)
    {
        var members = new List<(string, IReadOnlyList<string>)>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Split('#', 2)[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var person = colon < 0 ? "" : line[..colon].Trim();
            if (person.Length == 0 || person.Any(char.IsWhiteSpace))
            {
                throw new FormatException($"line {lineNumber}: expected 'person: role, role', got '{line}'");
            }

            var roles = line[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            members.Add((person, roles));
        }

        return new Team(members);
    }

    /// <summary>The actor for <paramref name="person"/> at <paramref name="now"/>: team roles and on-call roles.</summary>
    public Actor ActorFor(string person, ResponsePolicy policy, Instant now)
    {
        var roles = _members.Where(m => m.Person == person).SelectMany(m => m.Roles).ToList();
        roles.AddRange(policy.Schedules.Where(s => s.OnCallAt(now)?.PersonId == person).Select(s => s.Role).OfType<string>());
        return new Actor(person, roles);
    }

    /// <summary>Who to page or notify for an escalation target: a person as named; for a role, whoever its on-call
    /// schedule has on call, else the first team member holding it; for a schedule, whoever it has on call. Falls back
    /// to the target's id (a role or schedule that nobody holds) so that nothing is silently skipped.</summary>
    public string Resolve(EscalationTarget target, ResponsePolicy policy, Instant now)
    {
        switch (target.Kind)
        {
            case EscalationTargetKind.Person:
                return target.Id;
            case EscalationTargetKind.Schedule:
                return policy.FindSchedule(target.Id)?.OnCallAt(now)?.PersonId ?? target.Id;
            default:
                return HolderOf(target.Id, policy, now) ?? target.Id;
        }
    }

    /// <summary>Who holds <paramref name="role"/> in the organisation now, or null.</summary>
    public string? HolderOf(string role, ResponsePolicy policy, Instant now) =>
        policy.SchedulesFor(role).Select(s => s.OnCallAt(now)?.PersonId).FirstOrDefault(p => p is not null)
        ?? _members.FirstOrDefault(m => m.Roles.Contains(role, StringComparer.Ordinal)).Person;
}
