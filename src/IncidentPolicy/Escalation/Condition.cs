using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>
/// A yes-or-no question about an incident's facts at an instant — "30 minutes since the alert and status is one
/// of triggered, acknowledged" — written as data in the policy file. The kinds are <see cref="All"/>,
/// <see cref="Any"/>, <see cref="Not"/>, <see cref="ElapsedSince"/>, <see cref="StatusIn"/>,
/// <see cref="SeverityAtLeast"/>, <see cref="ImpactAbove"/>, <see cref="ImpactBelow"/> and <see cref="FlagRaised"/>; the
/// static methods of those names create them, and <see cref="object.ToString"/> writes a condition as it reads in
/// the policy file.
/// </summary>
/// <remarks>
/// <para>In JSON a condition is an object with exactly one key naming its kind:
/// <c>{"all": [ … ]}</c>, <c>{"any": [ … ]}</c>, <c>{"not": { … }}</c>,
/// <c>{"elapsedSince": {"since": "alert", "atLeast": "PT30M"}}</c>, <c>{"statusIn": ["triggered"]}</c>,
/// <c>{"severityAtLeast": "SEV-2"}</c>, <c>{"impactAbove": {"metric": "revenueLoss", "value": 10000}}</c>,
/// <c>{"impactBelow": {"metric": "performanceDegradation", "value": 20}}</c>, <c>{"flagRaised": "dataBreachSuspected"}</c>.</para>
/// <para>Only <see cref="ElapsedSince"/> makes time matter: with the facts fixed, every other kind has
/// the same value at every instant, and an elapsed-since condition changes at most once (from not holding to
/// holding). <see cref="NextChange"/> uses this to say when a bot must look again.</para>
/// <para>The set of kinds is closed: only this library derives from <see cref="Condition"/>. Instances are
/// immutable and thread-safe; equality is by reference.</para>
/// </remarks>
public abstract class Condition
{
    private protected Condition()
    {
    }

    /// <summary>Whether the condition holds at <paramref name="at"/> for an incident whose facts, as of
    /// <paramref name="at"/>, are <paramref name="facts"/>.</summary>
    /// <param name="facts">The incident's facts as of <paramref name="at"/> (no later events).</param>
    /// <param name="at">The instant of evaluation.</param>
    /// <returns><see langword="true"/> when the condition holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is null.</exception>
    public bool HoldsAt(IncidentFacts facts, Instant at)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Holds(facts.Values, at);
    }

    /// <summary>
    /// The earliest instant strictly after <paramref name="after"/> at which <see cref="HoldsAt"/> gives another
    /// answer than at <paramref name="after"/>, supposing no new event changes <paramref name="facts"/>; or
    /// <see langword="null"/> when the answer never changes.
    /// </summary>
    /// <remarks>
    /// <para>For every instant <c>t</c> in (<paramref name="after"/>, result) <c>HoldsAt(facts, t)</c> equals
    /// <c>HoldsAt(facts, after)</c>, and <c>HoldsAt(facts, result)</c> differs. A threshold is met exactly at its
    /// instant: <c>elapsedSince alert atLeast PT30M</c> holds from alert + 30 minutes on, so that instant is
    /// the change.</para>
    /// <para><see cref="All"/>, <see cref="Any"/> and <see cref="Not"/> compose: a
    /// threshold of a part that does not change the whole (an <c>any</c> that already holds) is skipped.</para>
    /// </remarks>
    /// <param name="facts">The incident's facts as of <paramref name="after"/>.</param>
    /// <param name="after">The instant to look after, usually "now".</param>
    /// <returns>The instant of the next change, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is null.</exception>
    public Instant? NextChange(IncidentFacts facts, Instant after)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return NextChangeOf(facts.Values, after);
    }

    /// <summary>What <see cref="NextChange(IncidentFacts, Instant)"/> says, for the values themselves.</summary>
    internal Instant? NextChangeOf(in FactValues facts, Instant after)
    {
        if (!DependsOnTime)
        {
            return null;
        }

        if (this is ElapsedSinceCondition elapsed)
        {
            return elapsed.Threshold(facts) is { } t && t > after ? t : null;
        }

        // Collected on the stack: the obligations engine asks this at every fact change, and it should not allocate.
        var thresholds = new Thresholds(stackalloc Instant[4]);
        AddThresholds(facts, after, ref thresholds);
        if (thresholds.Count == 0)
        {
            return null;
        }

        // Between two thresholds nothing changes, so the value on [threshold, next) is the value at the threshold: the
        // first change is the earliest threshold at which the value differs from the value now.
        var before = Holds(facts, after);
        Instant? first = null;
        for (var i = 0; i < thresholds.Count; i++)
        {
            var threshold = thresholds[i];
            if ((first is null || threshold < first) && Holds(facts, threshold) != before)
            {
                first = threshold;
            }
        }

        return first;
    }

    /// <summary>The condition in plain English, such as
    /// <c>severity is SEV-2 or more severe and 30 minutes since the alert</c>; obligations quote it as their reason.</summary>
    /// <returns>The description.</returns>
    public abstract string Describe();

    /// <summary>The same as <see cref="Describe"/>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Describe();

    /// <summary>Holds when every one of <paramref name="conditions"/> holds.</summary>
    /// <param name="conditions">At least one condition.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="PolicyValidationException">The list is empty, or the condition would nest deeper than
    /// <see cref="Limits.MaxConditionDepth"/> (path <c>all</c>).</exception>
    public static Condition All(params IEnumerable<Condition> conditions) => new AllCondition(conditions);

    /// <summary>Holds when at least one of <paramref name="conditions"/> holds.</summary>
    /// <param name="conditions">At least one condition.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="PolicyValidationException">The list is empty, or the condition would nest deeper than
    /// <see cref="Limits.MaxConditionDepth"/> (path <c>any</c>).</exception>
    public static Condition Any(params IEnumerable<Condition> conditions) => new AnyCondition(conditions);

    /// <summary>Holds when <paramref name="condition"/> does not.</summary>
    /// <param name="condition">The condition to negate.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="PolicyValidationException">The condition would nest deeper than
    /// <see cref="Limits.MaxConditionDepth"/> (path <c>not</c>).</exception>
    public static Condition Not(Condition condition) => new NotCondition(condition);

    /// <summary>Holds once at least <paramref name="atLeast"/> has passed since <paramref name="since"/>.</summary>
    /// <param name="since">What to count from.</param>
    /// <param name="atLeast">How long; zero or more.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="PolicyValidationException"><paramref name="atLeast"/> is negative (path <c>elapsedSince.atLeast</c>).</exception>
    public static Condition ElapsedSince(ElapsedAnchor since, Duration atLeast) => new ElapsedSinceCondition(since, atLeast);

    /// <summary>Holds while the incident's status is one of <paramref name="statuses"/>.</summary>
    /// <param name="statuses">At least one status, none twice.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="PolicyValidationException">The set is empty or has a duplicate or undefined status.</exception>
    public static Condition StatusIn(params IEnumerable<IncidentStatus> statuses) => new StatusInCondition(statuses);

    /// <summary>Holds while the incident's severity is <paramref name="severityId"/> or more severe.</summary>
    /// <param name="severityId">A severity id of the policy, such as <c>SEV-2</c>.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="PolicyValidationException">The id is blank (path <c>severityAtLeast</c>).</exception>
    public static Condition SeverityAtLeast(string severityId) => new SeverityAtLeastCondition(severityId);

    /// <summary>Holds while the latest value of <paramref name="metric"/> is strictly above <paramref name="value"/>.</summary>
    /// <param name="metric">An impact metric, such as <c>revenueLoss</c>.</param>
    /// <param name="value">The value to exceed.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="PolicyValidationException">The metric is blank (path <c>impactAbove.metric</c>).</exception>
    public static Condition ImpactAbove(string metric, decimal value) => new ImpactAboveCondition(metric, value);

    /// <summary>Holds while the latest value of <paramref name="metric"/> is strictly below <paramref name="value"/>.</summary>
    /// <param name="metric">An impact metric, such as <c>performanceDegradation</c>.</param>
    /// <param name="value">The value to stay under.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="PolicyValidationException">The metric is blank (path <c>impactBelow.metric</c>).</exception>
    public static Condition ImpactBelow(string metric, decimal value) => new ImpactBelowCondition(metric, value);

    /// <summary>Holds while <paramref name="flag"/> is raised.</summary>
    /// <param name="flag">A flag, such as <c>dataBreachSuspected</c>.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="PolicyValidationException">The flag is blank (path <c>flagRaised</c>).</exception>
    public static Condition FlagRaised(string flag) => new FlagRaisedCondition(flag);

    /// <summary>The JSON key of the kind: <c>elapsedSince</c>.</summary>
    internal abstract string KindName { get; }

    internal abstract bool Holds(in FactValues facts, Instant at);

    /// <summary>Whether an <see cref="ElapsedSinceCondition"/> is part of it: otherwise it has the same value at every
    /// instant for fixed facts, and <see cref="NextChange"/> is <see langword="null"/> without looking.</summary>
    internal virtual bool DependsOnTime => false;

    /// <summary>Adds the instants after <paramref name="after"/> at which a part of the condition may change.</summary>
    internal virtual void AddThresholds(in FactValues facts, Instant after, ref Thresholds thresholds)
    {
    }

    /// <summary>Visits every leaf (not the composites) with the JSON path of its kind key, such as
    /// <c>$.escalation.rules[0].when.all[1].severityAtLeast</c> for a condition at <c>$.escalation.rules[0].when</c>.</summary>
    internal virtual void Walk(string path, Action<string, Condition> visit) => visit(ProblemList.Join(path, KindName), this);

    /// <summary>The description as a part of a larger one: composites in parentheses.</summary>
    internal virtual string DescribeAsPart() => Describe();

    /// <summary>How deeply the condition nests: 1 for a leaf, one more than its deepest part for <c>all</c>,
    /// <c>any</c> and <c>not</c>; at most <see cref="Limits.MaxConditionDepth"/>.</summary>
    internal virtual int Depth => 1;

    /// <summary>Refuses a composite that would nest deeper than <see cref="Limits.MaxConditionDepth"/> (path
    /// <paramref name="kind"/>), so a policy file can hold it and every walk over it stays shallow.</summary>
    internal static int CheckDepth(int depth, ProblemList problems, string kind)
    {
        if (depth > Limits.MaxConditionDepth)
        {
            problems.Add(kind, $"conditions nest at most {Limits.MaxConditionDepth} deep (all, any and not each add a level); this one would be {depth} deep");
        }

        return depth;
    }
}
