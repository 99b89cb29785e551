using System.Collections.Frozen;
using System.Collections.ObjectModel;
using IncidentPolicy.Calendars;
using IncidentPolicy.Escalation;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy;

/// <summary>
/// An incident-response playbook as one validated, immutable object: the roles people take, the
/// severity scale with its response targets, and the business calendar those targets are measured in.
/// <see cref="Default"/> is the seed playbook.
/// </summary>
/// <remarks>
/// <para>A policy is checked once, when it is created: every problem is reported together in one
/// <see cref="PolicyValidationException"/>, with JSON paths (<c>$.severities[1].rolesInvolved[0]</c>) as
/// if the policy had been read from a file. Problems that are allowed but usually mistakes are kept in
/// <see cref="Warnings"/>.</para>
/// <para>Whatever is accepted can be written by <c>PolicyJson.Serialize</c> and read back unchanged: every part keeps
/// to <see cref="Limits"/> (texts, dates, durations, condition depth), every time zone is one a policy file can name,
/// and the written form takes at most <see cref="Limits.MaxPolicyBytes"/>. That last check measures the written form,
/// so creating a policy, or a copy with a <c>With…</c> method, costs about as much as serializing it.</para>
/// <para>Instances are immutable and thread-safe; the <c>With…</c> methods return validated copies.</para>
/// </remarks>
public sealed partial class ResponsePolicy
{
    private FrozenDictionary<string, Role> _rolesById = FrozenDictionary<string, Role>.Empty;

    private IReadOnlyList<PolicyProblem>? _warnings;

    /// <summary>Whether <see cref="Lifecycle"/> is the one a policy gets when it sets none, rebuilt for new roles.</summary>
    private bool _lifecycleFollowsRoles;

    /// <summary>Creates a policy, checking it all at once. It holds what it is given and nothing of the seed: no
    /// escalation, severity suggestion rules, change windows, runbooks, people or schedules (add them with the
    /// <c>With…</c> methods), and the lifecycle rules for a policy that sets none, with the safe permission table
    /// for its roles (<see cref="PermissionTable.Secure"/>). <see cref="Default"/> is the seed playbook.</summary>
    /// <param name="roles">The roles of the policy; ids unique. Every role a severity involves must be here.</param>
    /// <param name="severities">The severity scale.</param>
    /// <param name="calendar">The business calendar response targets are measured in.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="PolicyValidationException">A role id is used twice or a severity involves an unknown role.</exception>
    public ResponsePolicy(IEnumerable<Role> roles, SeverityScale severities, BusinessCalendar calendar)
        : this(roles, severities, calendar, validate: true)
    {
    }

    private ResponsePolicy(IEnumerable<Role> roles, SeverityScale severities, BusinessCalendar calendar, bool validate)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(severities);
        ArgumentNullException.ThrowIfNull(calendar);
        var roleList = roles.ToList();
        if (roleList.Any(r => r is null))
        {
            throw new ArgumentNullException(nameof(roles), "A role is null.");
        }

        Roles = roleList.AsReadOnly();
        Severities = severities;
        Calendar = calendar;
        Lifecycle = LifecycleRules.DefaultFor(Roles);
        _lifecycleFollowsRoles = true;
        Escalation = EscalationSettings.None;
        SeverityMatrix = SeverityMatrix.None;
        ChangeWindows = [];
        Runbooks = [];
        if (validate)
        {
            Validate();
        }
    }

    /// <summary>
    /// The seed playbook: SEV-1 to SEV-4 with the response times, roles, Incident Commander, status-page
    /// and post-mortem rules of "Incident Management That Actually Works", on the default business calendar
    /// (UTC, Monday–Friday 09:00–17:00, no holidays), with example people and weekly on-call and Incident Commander
    /// rotations to replace (see <see cref="Schedules"/>).
    /// </summary>
    public static ResponsePolicy Default => DefaultPolicy.Instance;

    /// <summary>The roles people take in an incident, in the order given.</summary>
    public IReadOnlyList<Role> Roles { get; private set; }

    /// <summary>The severity scale, most severe first.</summary>
    public SeverityScale Severities { get; private set; }

    /// <summary>The business calendar response targets are measured in.</summary>
    public BusinessCalendar Calendar { get; private set; }

    /// <summary>Things that are allowed but usually mistakes, such as a SEV-1 target slower than the SEV-2 one;
    /// each with a JSON path and a reason. Empty for the default policy.</summary>
    /// <remarks>Among them the coverage warnings, where an alert would find nobody: a level due around the clock that no
    /// escalation pages a person for; a level that requires an Incident Commander when no schedule or senior person
    /// can take command; a schedule with nobody on call at some time in the <see cref="CoverageHorizon"/> (90 days)
    /// from the earliest rotation start (<see cref="WarningsFrom"/> checks from another instant); a command nobody may
    /// issue. All of them are worked out on first use, not when the policy is built.</remarks>
    public IReadOnlyList<PolicyProblem> Warnings => _warnings ??= ComputeWarnings(EarliestRotationStart);

    /// <summary>Finds a role by id.</summary>
    /// <param name="id">A role id such as <c>comms-lead</c>.</param>
    /// <returns>The role, or <see langword="null"/> when the policy has none with that id.</returns>
    public Role? FindRole(string id) => id is not null && _rolesById.TryGetValue(id, out var role) ? role : null;

    /// <summary>The deadlines an alert of severity <paramref name="severityId"/> at <paramref name="alertAt"/> sets.</summary>
    /// <param name="severityId">A severity id of this policy, such as <c>SEV-3</c>.</param>
    /// <param name="alertAt">When the alert fired.</param>
    /// <returns>The deadlines, ordered by due instant then kind; see <see cref="SeverityLevel.Deadlines"/>.</returns>
    /// <exception cref="ArgumentException">The policy has no severity with that id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alertAt"/> is outside the supported range
    /// (<see cref="Limits"/>).</exception>
    public IReadOnlyList<Deadline> Deadlines(string severityId, Instant alertAt) =>
        Severities.TryGet(severityId, out var level)
            ? level.Deadlines(alertAt, Calendar)
            : throw new ArgumentException($"The policy has no severity '{severityId}'; it has {Severities}.", nameof(severityId));

    /// <summary>A copy of this policy with other roles.</summary>
    /// <param name="roles">The new roles.</param>
    /// <returns>The validated copy.</returns>
    /// <exception cref="PolicyValidationException">The copy would be invalid.</exception>
    public ResponsePolicy WithRoles(IEnumerable<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return With(copy =>
        {
            copy.Roles = roles.ToList().AsReadOnly();
            if (copy._lifecycleFollowsRoles)
            {
                copy.Lifecycle = LifecycleRules.DefaultFor(copy.Roles);
            }
        });
    }

    /// <summary>A copy of this policy with another severity scale.</summary>
    /// <param name="severities">The new scale.</param>
    /// <returns>The validated copy.</returns>
    /// <exception cref="PolicyValidationException">The copy would be invalid.</exception>
    public ResponsePolicy WithSeverities(SeverityScale severities)
    {
        ArgumentNullException.ThrowIfNull(severities);
        return With(copy => copy.Severities = severities);
    }

    /// <summary>A copy of this policy with another business calendar.</summary>
    /// <param name="calendar">The new calendar.</param>
    /// <returns>The validated copy.</returns>
    public ResponsePolicy WithCalendar(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return With(copy => copy.Calendar = calendar);
    }

    /// <summary>
    /// Builds a policy from its sections and validates it once, as the policy-file reader does: the same policy as the
    /// constructor followed by the <c>With…</c> methods of the sections given, without validating each step. A
    /// <see langword="null"/> section keeps what the constructor gives it: empty, or the lifecycle rules for a policy
    /// that sets none.
    /// </summary>
    internal static ResponsePolicy Compose(
        IEnumerable<Role> roles,
        SeverityScale severities,
        BusinessCalendar calendar,
        LifecycleRules? lifecycle,
        IReadOnlyList<OnCall.Person> people,
        IReadOnlyList<OnCall.Schedule> schedules,
        EscalationSettings? escalation,
        SeverityMatrix? severityMatrix,
        IReadOnlyList<Changes.ChangeWindow>? changeWindows,
        IReadOnlyList<Runbooks.Runbook>? runbooks)
    {
        var policy = new ResponsePolicy(roles, severities, calendar, validate: false);
        policy.Lifecycle = lifecycle ?? policy.Lifecycle;
        policy._lifecycleFollowsRoles = lifecycle is null;
        policy.People = people.ToList().AsReadOnly();
        policy.Schedules = schedules.ToList().AsReadOnly();
        policy.Escalation = escalation ?? policy.Escalation;
        policy.SeverityMatrix = severityMatrix ?? policy.SeverityMatrix;
        policy.ChangeWindows = changeWindows?.ToList().AsReadOnly() ?? policy.ChangeWindows;
        policy.Runbooks = runbooks?.ToList().AsReadOnly() ?? policy.Runbooks;
        policy.Validate();
        return policy;
    }

    /// <summary>
    /// Copies the policy, changes the copy, and validates it as a whole. Sections (each in its own partial
    /// file) are properties with private setters that only this method and the constructor assign, so a
    /// published policy never changes.
    /// </summary>
    private ResponsePolicy With(Action<ResponsePolicy> change)
    {
        var copy = (ResponsePolicy)MemberwiseClone();
        copy._contentHash = null;
        copy._warnings = null;
        change(copy);
        copy.Validate();
        return copy;
    }

    /// <summary>Checks everything that relates one part of the policy to another, throws for errors, and
    /// gathers the warnings. Each section adds its cross-checks here.</summary>
    private void Validate()
    {
        var problems = new ProblemList();
        ValidateRoles(Roles.Select(r => (string?)r.Id).ToList(), problems, "$.roles");
        for (var i = 0; i < Severities.Count; i++)
        {
            ValidateRoleReferences(Roles.Select(r => r.Id), Severities[i].RolesInvolved, problems, $"$.severities[{Severities.SourceIndex[i]}]");
        }

        ValidateLifecycleReferences(problems);
        ValidateOnCall(problems);
        ValidateEscalationReferences(problems);
        ValidateChangeWindows(problems);
        ValidateRunbooks(problems);
        ValidateZones(problems);
        problems.ThrowIfAny();
        ValidateWrittenSize();

        _rolesById = Roles.DistinctBy(r => r.Id).ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
    }

    internal static void ValidateRoles(IReadOnlyList<string?> roleIds, ProblemList problems, string path)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < roleIds.Count; i++)
        {
            if (roleIds[i] is { } id && !seen.TryAdd(id, i))
            {
                problems.Add($"{path}[{i}].id", $"role id '{id}' is already used by {path}[{seen[id]}]");
            }
        }
    }

    internal static void ValidateRoleReferences(IEnumerable<string> knownRoleIds, IReadOnlyList<string?> rolesInvolved, ProblemList problems, string severityPath)
    {
        var known = knownRoleIds.ToHashSet(StringComparer.Ordinal);
        for (var j = 0; j < rolesInvolved.Count; j++)
        {
            if (rolesInvolved[j] is { } role && !known.Contains(role))
            {
                problems.Add(
                    $"{severityPath}.rolesInvolved[{j}]",
                    $"unknown role '{role}'; the policy's roles are: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
            }
        }
    }
}
