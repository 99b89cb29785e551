using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>
/// The policy's escalation section: the escalation policies that page responders in turn, the conditional rules of
/// the runbook, and the dispatch grace within which a host's <c>notificationSent</c> meets a due notification.
/// </summary>
/// <remarks>
/// <para>JSON (key <c>escalation</c>): <c>{"dispatchGrace": "PT1M", "policies": [ … ], "rules": [ … ]}</c>.</para>
/// <para>Rule ids and policy ids share one namespace, since both qualify <c>escalate</c> obligation keys.</para>
/// <para>Immutable and thread-safe. <c>ResponsePolicy.Default.Escalation</c> follows the seed playbook.</para>
/// </remarks>
public sealed class EscalationSettings
{
    /// <summary>Creates the section, checking it all at once.</summary>
    /// <param name="dispatchGrace">How long after a notification's due instant a <c>notificationSent</c> still meets
    /// it on time; zero or more.</param>
    /// <param name="policies">The escalation policies, in order.</param>
    /// <param name="rules">The conditional rules, in order.</param>
    /// <exception cref="ArgumentNullException">A list or an item is null.</exception>
    /// <exception cref="PolicyValidationException">The grace is negative (path <c>dispatchGrace</c>) or an id is used
    /// twice (path <c>policies[i].id</c> or <c>rules[i].id</c>).</exception>
    public EscalationSettings(Duration dispatchGrace, IEnumerable<EscalationPolicy> policies, IEnumerable<EscalationRule> rules)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(rules);
        var policyList = policies.ToList();
        var ruleList = rules.ToList();
        if (policyList.Any(p => p is null) || ruleList.Any(r => r is null))
        {
            throw new ArgumentNullException(policyList.Any(p => p is null) ? nameof(policies) : nameof(rules), "An item is null.");
        }

        var problems = new ProblemList();
        Validate(dispatchGrace, policyList.Select(p => (string?)p.Id).ToList(), ruleList.Select(r => (string?)r.Id).ToList(), problems, "");
        problems.ThrowIfAny();
        DispatchGrace = dispatchGrace;
        Policies = policyList.AsReadOnly();
        Rules = ruleList.AsReadOnly();
    }

    /// <summary>The dispatch grace when a policy sets none (also the seed's): one minute.</summary>
    public static Duration DefaultDispatchGrace { get; } = Duration.FromMinutes(1);

    /// <summary>No escalation policies and no rules, with the default dispatch grace.</summary>
    public static EscalationSettings None { get; } = new(DefaultDispatchGrace, [], []);

    /// <summary>How long after a notification's due instant a <c>notificationSent</c> still meets it on time.</summary>
    public Duration DispatchGrace { get; }

    /// <summary>The escalation policies, in order.</summary>
    public IReadOnlyList<EscalationPolicy> Policies { get; }

    /// <summary>The conditional rules, in order.</summary>
    public IReadOnlyList<EscalationRule> Rules { get; }

    /// <summary>
    /// The section a policy gets when it sets none: <paramref name="seed"/> (the seed's) without the rules and escalation policies
    /// that name a role the policy lacks or a severity its scale lacks — kept or dropped whole, never cut down, so
    /// no level's timing changes. A policy with none of the seed's roles gets no rules and no escalation policies.
    /// </summary>
    /// <param name="seed">The seed's section.</param>
    /// <param name="roles">The policy's roles.</param>
    /// <param name="severities">The policy's severity scale.</param>
    /// <returns>The section.</returns>
    internal static EscalationSettings DefaultFor(EscalationSettings seed, IEnumerable<Role> roles, SeverityScale severities)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(severities);
        var known = roles.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        bool Fits(Condition condition, IEnumerable<EscalationTarget> targets)
        {
            var fits = targets.All(t => t.Kind != EscalationTargetKind.Role || known.Contains(t.Id));
            condition.Walk("", (_, leaf) => fits &= leaf is not SeverityAtLeastCondition s || severities.Find(s.SeverityId) is not null);
            return fits;
        }

        var policies = seed.Policies.Where(p => Fits(p.AppliesTo, p.Levels.SelectMany(l => l.Targets))).ToList();
        var rules = seed.Rules.Where(r => Fits(r.When, [r.Target])).ToList();
        return policies.Count == seed.Policies.Count && rules.Count == seed.Rules.Count
            ? seed
            : new EscalationSettings(seed.DispatchGrace, policies, rules);
    }

    /// <summary>Finds a rule by id.</summary>
    /// <param name="id">A rule id such as <c>page-engineering-manager</c>.</param>
    /// <returns>The rule, or <see langword="null"/>.</returns>
    public EscalationRule? FindRule(string id) => Rules.FirstOrDefault(r => r.Id == id);

    /// <summary>Finds an escalation policy by id.</summary>
    /// <param name="id">A policy id such as <c>page-on-call</c>.</param>
    /// <returns>The policy, or <see langword="null"/>.</returns>
    public EscalationPolicy? FindPolicy(string id) => Policies.FirstOrDefault(p => p.Id == id);

    internal static void Validate(Duration? dispatchGrace, IReadOnlyList<string?> policyIds, IReadOnlyList<string?> ruleIds, ProblemList problems, string path)
    {
        var gracePath = ProblemList.Join(path, "dispatchGrace");
        if (dispatchGrace is null)
        {
            problems.AddMissing(gracePath, "a duration is required, like PT1M");
        }
        else
        {
            Durations.NotNegative(dispatchGrace.Value, problems, gracePath);
        }

        var policiesPath = ProblemList.Join(path, "policies");
        var rulesPath = ProblemList.Join(path, "rules");
        EscalationIds.CheckUnique(
            policyIds.Select((id, i) => (id, ProblemList.Index(policiesPath, i)))
                .Concat(ruleIds.Select((id, i) => (id, ProblemList.Index(rulesPath, i)))),
            problems);
    }
}
