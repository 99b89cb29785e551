using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>
/// An escalation policy as PagerDuty and Opsgenie model it: for the incidents it <see cref="AppliesTo"/>, page the
/// targets of each level in turn, each level a <see cref="EscalationLevel.Delay"/> after the previous one, until the
/// <see cref="StopCondition"/> is met; then, if nobody has answered, run the levels again
/// <see cref="RepeatCount"/> more times.
/// </summary>
/// <remarks>
/// <para>JSON: <c>{"id": "page-on-call", "appliesTo": {"severityAtLeast": "SEV-2"}, "levels": [ … ],
/// "stopWhen": "acknowledged", "repeats": 0, "repeatAfter": null}</c>.</para>
/// <para>Timing: a round starts at the policy's start (usually the alert); level <c>i</c> of a round is due the sum of
/// the delays of levels 0..i after the round's start; the next round starts <see cref="RepeatDelay"/> after the last
/// level of the previous one. <see cref="Plan"/> lists every notification; the obligations engine cancels those
/// still pending once <see cref="HasStopped"/> holds.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class EscalationPolicy
{
    /// <summary>The most repeats a policy may have (Opsgenie allows 20).</summary>
    public const int MaxRepeats = 20;

    /// <summary>Creates the policy.</summary>
    /// <param name="id">Lower-case kebab id, unique among the policy's rules and escalation policies, such as
    /// <c>page-on-call</c>.</param>
    /// <param name="appliesTo">Which incidents it pages for, such as <c>severityAtLeast SEV-2</c>.</param>
    /// <param name="levels">At least one level, in order.</param>
    /// <param name="stopCondition">What stops the paging (policy files: <c>stopWhen</c>).</param>
    /// <param name="repeatCount">How many more times the levels run after the first pass; 0 to <see cref="MaxRepeats"/>
    /// (policy files: <c>repeats</c>).</param>
    /// <param name="repeatDelay">How long after the last level the next round starts; required (positive) when
    /// <paramref name="repeatCount"/> is above 0, and <see langword="null"/> otherwise (policy files: <c>repeatAfter</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="appliesTo"/>, <paramref name="levels"/> or a level is null.</exception>
    /// <exception cref="PolicyValidationException">The policy is invalid; paths are relative (<c>levels</c>,
    /// <c>repeats</c>, <c>repeatAfter</c>).</exception>
    public EscalationPolicy(
        string id, Condition appliesTo, IEnumerable<EscalationLevel> levels, EscalationStop stopCondition, int repeatCount = 0, Duration? repeatDelay = null)
    {
        ArgumentNullException.ThrowIfNull(appliesTo);
        ArgumentNullException.ThrowIfNull(levels);
        var list = levels.ToList();
        if (list.Any(l => l is null))
        {
            throw new ArgumentNullException(nameof(levels), "A level is null.");
        }

        var problems = new ProblemList();
        Validate(id, list.Count, stopCondition, repeatCount, repeatDelay, problems, "");
        problems.ThrowIfAny();
        Id = id;
        AppliesTo = appliesTo;
        Levels = list.AsReadOnly();
        StopCondition = stopCondition;
        RepeatCount = repeatCount;
        RepeatDelay = repeatDelay;
    }

    /// <summary>The policy's id, such as <c>page-on-call</c>.</summary>
    public string Id { get; }

    /// <summary>Which incidents the policy pages for.</summary>
    public Condition AppliesTo { get; }

    /// <summary>The levels, in order.</summary>
    public IReadOnlyList<EscalationLevel> Levels { get; }

    /// <summary>What stops the paging.</summary>
    public EscalationStop StopCondition { get; }

    /// <summary>How many more times the levels run after the first pass; 0 for none.</summary>
    public int RepeatCount { get; }

    /// <summary>How long after the last level of a round the next round starts; <see langword="null"/> exactly when
    /// <see cref="RepeatCount"/> is 0.</summary>
    public Duration? RepeatDelay { get; }

    /// <summary>
    /// Every notification the policy plans when it starts at <paramref name="start"/>, before any stop: for each round
    /// (<see cref="RepeatCount"/> + 1 of them) and each level, one step per target. Ordered by due instant, then round,
    /// level and target order — which is the order they are generated in.
    /// </summary>
    /// <param name="start">When the policy starts: the alert, or the instant the incident came to match
    /// <see cref="AppliesTo"/> (for example a severity change).</param>
    /// <returns>The steps; steps that would fall after <see cref="Limits.LatestResult"/> never fall due and are left
    /// out.</returns>
    public IReadOnlyList<EscalationStep> Plan(Instant start)
    {
        var planned = new List<(int Level, int Round, int Target, Instant DueAt)>((RepeatCount + 1) * Levels.Sum(l => l.Targets.Count));
        PlanInto(start, planned);
        return planned.Select(p => new EscalationStep(p.Level, p.Round, Levels[p.Level].Targets[p.Target], p.DueAt)).ToList().AsReadOnly();
    }

    /// <summary>What <see cref="Plan"/> lists, as level, round and target indexes, added to <paramref name="steps"/>
    /// (the obligations engine reuses one list, so planning allocates nothing).</summary>
    internal void PlanInto(Instant start, List<(int Level, int Round, int Target, Instant DueAt)> steps)
    {
        if (start > Limits.LatestResult)
        {
            return;
        }

        var room = Limits.LatestResult - start;
        var offset = Duration.Zero;
        for (var round = 0; round <= RepeatCount; round++)
        {
            if (round > 0 && !TryAdvance(ref offset, RepeatDelay!.Value, room))
            {
                return;
            }

            for (var level = 0; level < Levels.Count; level++)
            {
                if (!TryAdvance(ref offset, Levels[level].Delay, room))
                {
                    return;
                }

                for (var target = 0; target < Levels[level].Targets.Count; target++)
                {
                    steps.Add((level, round, target, start + offset));
                }
            }
        }
    }

    /// <summary>
    /// Whether the stop condition is met by <paramref name="facts"/>. <see cref="EscalationStop.Acknowledged"/>: the
    /// incident was acknowledged or its status is past <see cref="IncidentStatus.Triggered"/> (declared, mitigated,
    /// resolved, declined, merged, …). <see cref="EscalationStop.Resolved"/>: its status is resolved, post-mortem,
    /// closed, declined or merged; a reopened incident is no longer stopped.
    /// </summary>
    /// <param name="facts">The incident's facts.</param>
    /// <returns><see langword="true"/> when no more notifications are owed.</returns>
    public bool HasStopped(IncidentFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return IsStopped(facts.Values);
    }

    /// <summary>What <see cref="HasStopped(IncidentFacts)"/> says, for the values themselves.</summary>
    internal bool IsStopped(in FactValues facts) =>
        StopCondition == EscalationStop.Acknowledged
            ? facts.AcknowledgedAt is not null || facts.Status != IncidentStatus.Triggered
            : facts.Status is IncidentStatus.Resolved or IncidentStatus.PostMortem or IncidentStatus.Closed
                or IncidentStatus.Declined or IncidentStatus.Merged;

    /// <summary>The policy in words: <c>for severity is SEV-2 or more severe: page role on-call-engineer immediately,
    /// then role engineering-manager 5 minutes later; until acknowledged</c>.</summary>
    /// <returns>The description.</returns>
    public string Describe()
    {
        var levels = Levels.Select((l, i) =>
            string.Join(" and ", l.Targets) + (l.Delay == Duration.Zero
                ? (i == 0 ? " immediately" : " at the same time")
                : $" {HumanText.Describe(l.Delay)} {(i == 0 ? "after the start" : "later")}"));
        var repeat = RepeatCount == 0 ? "" : $"; repeated {HumanText.Plural(RepeatCount, "more time")} {HumanText.Describe(RepeatDelay!.Value)} after the last level";
        return $"for {AppliesTo.Describe()}: page {string.Join(", then ", levels)}; until {HumanText.CamelCase(StopCondition)}{repeat}";
    }

    /// <summary>The id and description.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Id}: {Describe()}";

    internal static void Validate(string? id, int levelCount, EscalationStop? stopWhen, int? repeats, Duration? repeatAfter, ProblemList problems, string path)
    {
        EscalationIds.Check(id, "an escalation policy", problems, ProblemList.Join(path, "id"));
        if (levelCount == 0)
        {
            problems.AddMissing(ProblemList.Join(path, "levels"), "at least one level is required");
        }

        if (stopWhen is { } stop && !Enum.IsDefined(stop))
        {
            problems.Add(ProblemList.Join(path, "stopWhen"), $"{(int)stop} is not a stop condition");
        }

        var repeatsPath = ProblemList.Join(path, "repeats");
        var repeatAfterPath = ProblemList.Join(path, "repeatAfter");
        switch (repeats)
        {
            case null:
                break;
            case < 0:
                problems.Add(repeatsPath, $"must not be negative (got {repeats}); 0 means the levels run once");
                break;
            case > MaxRepeats:
                problems.Add(repeatsPath, $"at most {MaxRepeats} repeats (got {repeats})");
                break;
            case 0:
                if (repeatAfter is not null)
                {
                    problems.Add(repeatAfterPath, "must be null when repeats is 0");
                }

                break;
            default:
                if (repeatAfter is null)
                {
                    problems.AddMissing(repeatAfterPath, "a duration is required when repeats is above 0, like PT10M");
                }
                else
                {
                    Durations.PositiveIfPresent(repeatAfter, problems, repeatAfterPath);
                }

                break;
        }
    }

    private static bool TryAdvance(ref Duration offset, Duration by, Duration room)
    {
        if (offset > room - by)
        {
            return false;
        }

        offset += by;
        return true;
    }
}
