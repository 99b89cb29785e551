using System.Collections.Concurrent;
using IncidentPolicy.Escalation;
using IncidentPolicy.Severities;

namespace IncidentPolicy.Obligations;

/// <summary>
/// The keys, rule ids and reasons of obligations, built once per policy and shared: evaluating an incident looks
/// them up by array index instead of formatting (or hashing) the same sentences again. Thread-safe: everything is
/// built in the constructor except numbered keys and action-item key sets, which are filled in idempotently.
/// </summary>
internal sealed class ObligationTexts
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ResponsePolicy, ObligationTexts> Cache = new();

    /// <summary>The texts of <paramref name="policy"/>, built once per policy instance (every <c>With…</c> copy is a
    /// new instance) and released with it.</summary>
    public static ObligationTexts For(ResponsePolicy policy) => Cache.GetValue(policy, static p => new ObligationTexts(p));

    public const int UnassessedAcknowledge = 0;
    public const int Acknowledge = 1;
    public const int Declare = 2;
    public const int AssignCommander = 3;
    public const int Respond = 4;
    public const int FirstExternalUpdate = 5;
    public const int ExternalUpdate = 6;
    public const int InternalUpdate = 7;
    public const int SchedulePostMortem = 8;

    private static readonly string[] KindNames = Enum.GetValues<ObligationKind>().Select(k => HumanText.CamelCase(k)).ToArray();

    private readonly LevelTexts[] _levels;
    private readonly KeySet[] _kindKeys;
    private readonly ConcurrentDictionary<(ObligationKind Kind, string Qualifier), KeySet> _qualified = new();
    private int _keyIds;

    /// <summary><see cref="RoleResponses.NeedHolders"/> of the policy, worked out once rather than at every event.</summary>
    public bool NeedHolders { get; }

    /// <summary><see cref="RoleResponses.ListingByKind"/> of the policy's roles: for each kind of event, the roles the
    /// engine asks whether it shows them responding.</summary>
    public Role[][] RolesListing { get; }

    public ObligationTexts(ResponsePolicy policy)
    {
        _kindKeys = Enum.GetValues<ObligationKind>().Select(k => new KeySet(KindNames[(int)k], NextKeyId())).ToArray();
        _levels = policy.Severities.Select(level => new LevelTexts(level, policy, this)).ToArray();
        InternalUpdateReason = Build(InternalUpdate, null, null, null, policy);
        NeedHolders = RoleResponses.NeedHolders(policy);
        RolesListing = RoleResponses.ListingByKind(policy.Roles);
        var escalation = policy.Escalation;
        Rules = escalation.Rules.Select(rule => new RuleTexts(rule, Qualified(ObligationKind.Escalate, rule.Id))).ToArray();
        Policies = escalation.Policies.Select(p => new PolicyTexts(p, this)).ToArray();
        TimedConditions = escalation.Rules.Select(r => r.When).Concat(escalation.Policies.Select(p => p.AppliesTo)).Where(c => c.DependsOnTime).ToArray();
        var thresholds = new List<ElapsedSinceCondition>();
        foreach (var condition in TimedConditions)
        {
            condition.Walk("", (_, leaf) =>
            {
                if (leaf is ElapsedSinceCondition elapsed)
                {
                    thresholds.Add(elapsed);
                }
            });
        }

        TimedThresholds = [.. thresholds.DistinctBy(e => (e.Since, e.AtLeast))];
        RuleList = [.. escalation.Rules];
        PolicyList = [.. escalation.Policies];
        RuleReads = escalation.Rules.Select(r => FactReadsOf.Condition(r.When)).ToArray();
        RuleTimed = escalation.Rules.Select(r => r.When.DependsOnTime).ToArray();
        PolicyAppliesReads = escalation.Policies.Select(p => FactReadsOf.Condition(p.AppliesTo)).ToArray();
        PolicyTimed = escalation.Policies.Select(p => p.AppliesTo.DependsOnTime).ToArray();
        PolicyStopReads = escalation.Policies.Select(p => FactReadsOf.Stop(p.StopCondition)).ToArray();
        EscalationReads = RuleReads.Concat(PolicyAppliesReads).Concat(PolicyStopReads).Aggregate(FactReads.None, (a, b) => a | b);
        TimedReads = TimedConditions.Select(FactReadsOf.Condition).Aggregate(FactReads.None, (a, b) => a | b);
    }

    /// <summary>The elapsed-since parts of the <see cref="TimedConditions"/>: a timed condition changes only when one of
    /// these crosses its threshold.</summary>
    public ElapsedSinceCondition[] TimedThresholds { get; }

    /// <summary>The escalation rules, as an array (indexed without an interface call).</summary>
    public Escalation.EscalationRule[] RuleList { get; }

    /// <summary>The escalation policies, as an array.</summary>
    public Escalation.EscalationPolicy[] PolicyList { get; }

    /// <summary>By rule index: the facts the rule's condition reads.</summary>
    public FactReads[] RuleReads { get; }

    /// <summary>By rule index: whether the rule's condition changes with time.</summary>
    public bool[] RuleTimed { get; }

    /// <summary>By escalation policy index: the facts its applies-to condition reads.</summary>
    public FactReads[] PolicyAppliesReads { get; }

    /// <summary>By escalation policy index: whether its applies-to condition changes with time.</summary>
    public bool[] PolicyTimed { get; }

    /// <summary>By escalation policy index: the facts its stop condition reads.</summary>
    public FactReads[] PolicyStopReads { get; }

    /// <summary>The facts any rule or escalation policy reads: a change to anything else is not looked at.</summary>
    public FactReads EscalationReads { get; }

    /// <summary>The facts the <see cref="TimedConditions"/> read: only a change to these moves their next change.</summary>
    public FactReads TimedReads { get; }

    /// <summary>The escalation rules' and policies' conditions that change with time (they have an elapsed-since
    /// part); the others change only when an event changes the facts.</summary>
    public Escalation.Condition[] TimedConditions { get; }

    /// <summary>The reason of the maxSilence obligation.</summary>
    public string InternalUpdateReason { get; }

    /// <summary>Texts of the conditional escalation rules, in policy order.</summary>
    public RuleTexts[] Rules { get; }

    /// <summary>Texts of the escalation policies, in policy order.</summary>
    public PolicyTexts[] Policies { get; }

    /// <summary>The texts of a level of this policy's scale.</summary>
    public LevelTexts For(SeverityLevel level)
    {
        var index = level.Rank - 1;
        return (uint)index < (uint)_levels.Length && ReferenceEquals(_levels[index].Level, level) ? _levels[index] : Find(level);
    }

    // Apart from For, whose lambda would otherwise allocate its closure on every call, fast path included.
    private LevelTexts Find(SeverityLevel level) =>
        Array.Find(_levels, t => ReferenceEquals(t.Level, level)) ?? throw new ArgumentException($"{level.Id} is not a level of this policy.", nameof(level));

    /// <summary>The keys of an obligation kind without qualifier: <c>acknowledge</c>, <c>externalUpdate#3</c>.</summary>
    public KeySet Keys(ObligationKind kind) => _kindKeys[(int)kind];

    /// <summary>The keys of a qualified obligation: <c>actionItem:AI-2</c>, <c>respond:comms-lead</c>.</summary>
    public KeySet Qualified(ObligationKind kind, string qualifier) =>
        _qualified.GetOrAdd((kind, qualifier), static (key, texts) => new KeySet(KindNames[(int)key.Kind] + ":" + key.Qualifier, texts.NextKeyId()), this);

    /// <summary>A number for a new key set, unique within this policy (a race may skip one).</summary>
    private int NextKeyId() => Interlocked.Increment(ref _keyIds) - 1;

    /// <summary>Builds a reason; <paramref name="from"/> is what the target runs from (the alert when null).</summary>
    public static string Build(int template, SeverityLevel? level, string? role, string? from, ResponsePolicy? policy = null)
    {
        from ??= "the alert";
        var id = level?.Id;
        return template switch
        {
            UnassessedAcknowledge => $"acknowledge within {level!.AcknowledgementTarget} of the alert (no severity yet: the most severe level's target)",
            Acknowledge => $"acknowledge within {level!.AcknowledgementTarget} of {from} ({id})",
            Declare => $"declare within {HumanText.Describe(level!.DeclarationTimeLimit!.Value)} of {from} ({id})",
            AssignCommander => $"assign an Incident Commander within {HumanText.Describe(level!.CommanderAssignmentTimeLimit!.Value)} of {from} ({id}: one person in charge)",
            Respond => $"{role} engaged within {level!.ResponseTarget} of {from} ({id})",
            FirstExternalUpdate => $"first status-page update within {HumanText.Describe(level!.StatusUpdates.FirstWithin!.Value)} of {from} ({id})",
            ExternalUpdate => $"status-page update every {HumanText.Describe(level!.StatusUpdates.Every!.Value)} after the previous one (Rule 3; {id})",
            InternalUpdate => $"a status update of any audience at most {HumanText.Describe(policy!.Lifecycle.MaxSilence)} after the last one or the declaration: silence is worse than \"still investigating\"",
            SchedulePostMortem => $"schedule the post-mortem within {HumanText.Describe(level!.PostMortem!.SchedulingTimeLimit)} of resolution ({id})",
            _ => throw new ArgumentOutOfRangeException(nameof(template)),
        };
    }

    /// <summary>An obligation's key and its numbered instances (<c>name#1</c>, <c>name#2</c>, …), formatted once;
    /// <see cref="Id"/> numbers it within its policy, so an evaluation counts instances by array index.</summary>
    internal sealed class KeySet(string name, int id)
    {
        public int Id { get; } = id;

        private const int Cached = 64;
        private readonly string?[] _numbered = new string?[Cached + 1];

        public string Name { get; } = name;

        /// <summary>The key; <paramref name="n"/> 0 means unnumbered.</summary>
        public string Get(int n) => n == 0 ? Name : n <= Cached ? _numbered[n] ??= $"{Name}#{n}" : $"{Name}#{n}";
    }

    /// <summary>A severity level's rule ids and reasons (targets measured from the alert).</summary>
    internal sealed class LevelTexts
    {
        private readonly string?[] _rules = new string?[KindNames.Length];
        private readonly string?[] _reasons = new string?[SchedulePostMortem + 1];

        public LevelTexts(SeverityLevel level, ResponsePolicy policy, ObligationTexts texts)
        {
            Level = level;
            foreach (var kind in Enum.GetValues<ObligationKind>())
            {
                _rules[(int)kind] = ObligationTexts.Rule(level, kind);
            }

            _reasons[UnassessedAcknowledge] = Build(UnassessedAcknowledge, level, null, null);
            _reasons[Acknowledge] = Build(Acknowledge, level, null, null);
            _reasons[Declare] = level.DeclarationTimeLimit is null ? null : Build(Declare, level, null, null);
            _reasons[AssignCommander] = level.CommanderAssignmentTimeLimit is null ? null : Build(AssignCommander, level, null, null);
            _reasons[FirstExternalUpdate] = level.StatusUpdates.FirstWithin is null ? null : Build(FirstExternalUpdate, level, null, null);
            _reasons[ExternalUpdate] = level.StatusUpdates.Every is null ? null : Build(ExternalUpdate, level, null, null);
            _reasons[SchedulePostMortem] = level.PostMortem is null ? null : Build(SchedulePostMortem, level, null, null, policy);
            RespondReasons = level.RolesInvolved.Select(role => Build(Respond, level, role, null)).ToArray();
            RespondKeys = level.RolesInvolved.Select(role => texts.Qualified(ObligationKind.Respond, role)).ToArray();
        }

        public SeverityLevel Level { get; }

        /// <summary>Reasons of the respond obligations, by index in <see cref="SeverityLevel.RolesInvolved"/>.</summary>
        public string[] RespondReasons { get; }

        /// <summary>Keys of the respond obligations, by index in <see cref="SeverityLevel.RolesInvolved"/>.</summary>
        public KeySet[] RespondKeys { get; }

        /// <summary>The rule id: <c>SEV-1.respond</c>.</summary>
        public string Rule(ObligationKind kind) => _rules[(int)kind]!;

        /// <summary>The reason of a template measured from the alert.</summary>
        public string Reason(int template) => _reasons[template] ?? throw new InvalidOperationException($"{Level.Id} has no target for template {template}.");
    }

    /// <summary>A conditional escalation rule's key, rule id and reason (null when the target is a schedule, whose
    /// reason names who is on call then).</summary>
    internal sealed class RuleTexts(EscalationRule rule, KeySet keys)
    {
        public KeySet Keys { get; } = keys;

        public string RuleId { get; } = EscalationRuleId(rule.Id);

        public string? Reason { get; } = rule.Target.Kind == EscalationTargetKind.Schedule ? null : RuleReason(rule, rule.Target.ToString());
    }

    /// <summary>An escalation policy's rule id and, per level and target, the qualifier, keys and reason per round.</summary>
    internal sealed class PolicyTexts
    {
        public PolicyTexts(EscalationPolicy policy, ObligationTexts texts)
        {
            RuleId = EscalationRuleId(policy.Id);
            Steps = policy.Levels.Select((level, l) => level.Targets.Select(target =>
            {
                var qualifier = StepQualifier(policy, l, target);
                var reasons = target.Kind == EscalationTargetKind.Schedule
                    ? null
                    : Enumerable.Range(0, policy.RepeatCount + 1).Select(round => StepReason(policy, l, round, target.ToString())).ToArray();
                return new StepTexts(qualifier, texts.Qualified(ObligationKind.Escalate, qualifier), reasons);
            }).ToArray()).ToArray();
        }

        public string RuleId { get; }

        /// <summary>By level index, then target index.</summary>
        public StepTexts[][] Steps { get; }
    }

    /// <summary>One target of one level: its qualifier, keys and reason per round (null for schedule targets).</summary>
    internal sealed record StepTexts(string Qualifier, KeySet Keys, string[]? ReasonByRound);

    /// <summary>The reason of a page planned by an escalation policy.</summary>
    public static string StepReason(EscalationPolicy policy, int levelIndex, int round, string who) =>
        $"page {who} (level {levelIndex + 1}, round {round + 1} of escalation policy {policy.Id}) unless {HumanText.CamelCase(policy.StopCondition)} first";

    // The texts themselves, which the caches above hold formatted; ObligationFold formats them afresh.

    /// <summary>The rule id of the maxSilence obligations.</summary>
    public const string MaxSilenceRule = "communication.maxSilence";

    /// <summary>The rule id of action items' obligations.</summary>
    public const string ActionItemRule = "actionItems.dueDate";

    /// <summary>The rule id of the acknowledge obligation of an alert without a severity.</summary>
    public const string UnassessedAcknowledgeRule = "unassessed.acknowledge";

    /// <summary>An obligation's key: <c>kind</c>, <c>kind:qualifier</c>, numbered <c>#n</c> when <paramref name="n"/>
    /// is not 0.</summary>
    public static string Key(ObligationKind kind, string? qualifier, int n)
    {
        var name = qualifier is null ? KindNames[(int)kind] : KindNames[(int)kind] + ":" + qualifier;
        return n == 0 ? name : $"{name}#{n}";
    }

    /// <summary>The rule id of a severity level's target: <c>SEV-1.respond</c>, <c>SEV-1.postMortem</c>.</summary>
    public static string Rule(SeverityLevel level, ObligationKind kind) =>
        $"{level.Id}.{(kind == ObligationKind.SchedulePostMortem ? "postMortem" : KindNames[(int)kind])}";

    /// <summary>The rule id of an escalation rule's or policy's obligations: <c>escalation.ID</c>.</summary>
    public static string EscalationRuleId(string id) => "escalation." + id;

    /// <summary>The qualifier of the pages of one target of one level of an escalation policy.</summary>
    public static string StepQualifier(EscalationPolicy policy, int levelIndex, EscalationTarget target) => $"{policy.Id}.{levelIndex + 1}.{target.Id}";

    /// <summary>The reason of a conditional escalation rule's obligation, naming <paramref name="who"/>.</summary>
    public static string RuleReason(EscalationRule rule, string who) => $"{HumanText.CamelCase(rule.Action)} {who}: {rule.When.Describe()}";

    /// <summary>What the targets of a severity change run from.</summary>
    public static string SeverityChange(SeverityLevel from, SeverityLevel to, NodaTime.Instant at) =>
        $"the severity change from {from.Id} to {to.Id} at {HumanText.Format(at)}";

    /// <summary>What the targets of a reopening run from.</summary>
    public static string Reopening(NodaTime.Instant at) => $"the reopening at {HumanText.Format(at)}";

    /// <summary>The reason of an action item's obligation.</summary>
    public static string ActionItemReason(Lifecycle.ActionItemAdded added, NodaTime.DateTimeZone zone) =>
        $"action item {added.Id} ({added.Owner}): {added.Action}; due by the end of {added.Due:uuuu'-'MM'-'dd} in {zone.Id}";

    /// <summary>The target as a reason names it; a schedule is resolved to whoever it has on call at <paramref name="at"/>.</summary>
    public static string Who(ResponsePolicy policy, EscalationTarget target, NodaTime.Instant at)
    {
        if (target.Kind != EscalationTargetKind.Schedule)
        {
            return target.ToString();
        }

        return policy.FindSchedule(target.Id)?.OnCallAtOrNobody(at) is { } assignment
            ? $"{assignment.PersonId}, on call on schedule {target.Id} ({assignment})"
            : $"schedule {target.Id}, which has nobody on call then";
    }
}
