using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>
/// Holds once at least <see cref="AtLeast"/> has passed since <see cref="Since"/>: from the instant
/// anchor + <see cref="AtLeast"/> on, that instant included. JSON:
/// <c>{"elapsedSince": {"since": "alert", "atLeast": "PT30M"}}</c>.
/// </summary>
/// <remarks>
/// <para>An anchor that has not happened (never acknowledged, never declared, not resolved) means the condition
/// does not hold. <see cref="ElapsedAnchor.LastUpdate"/> counts from the alert until a status update is posted.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
internal sealed class ElapsedSinceCondition : Condition
{
    /// <summary>Creates the condition.</summary>
    /// <param name="since">What to count from.</param>
    /// <param name="atLeast">How long; zero (holds as soon as the anchor happened) or more.</param>
    /// <exception cref="PolicyValidationException"><paramref name="since"/> is undefined (path <c>elapsedSince.since</c>) or
    /// <paramref name="atLeast"/> is negative (path <c>elapsedSince.atLeast</c>).</exception>
    public ElapsedSinceCondition(ElapsedAnchor since, Duration atLeast)
    {
        var problems = new ProblemList();
        Validate(since, atLeast, problems, "elapsedSince");
        problems.ThrowIfAny();
        Since = since;
        AtLeast = atLeast;
    }

    /// <summary>What is counted from.</summary>
    public ElapsedAnchor Since { get; }

    /// <summary>How long must have passed; zero or more.</summary>
    public Duration AtLeast { get; }

    /// <summary>The instant the condition starts to hold for <paramref name="facts"/>: the anchor plus
    /// <see cref="AtLeast"/>; <see langword="null"/> when the anchor has not happened.</summary>
    /// <param name="facts">The incident's facts.</param>
    /// <returns>The instant, or <see langword="null"/>.</returns>
    public Instant? Threshold(IncidentFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Threshold(facts.Values);
    }

    /// <summary>What <see cref="Threshold(IncidentFacts)"/> says, for the values themselves.</summary>
    internal Instant? Threshold(in FactValues facts) =>
        facts.InstantOf(Since) is { } anchor && anchor <= Instant.MaxValue - AtLeast ? anchor + AtLeast : null;

    /// <summary>In words: <c>30 minutes since the alert</c>, or <c>at or after the acknowledgement</c> for zero.</summary>
    /// <returns>The description.</returns>
    public override string Describe() =>
        AtLeast == Duration.Zero ? $"at or after {Noun(Since)}" : $"{HumanText.Describe(AtLeast)} since {Noun(Since)}";

    internal override string KindName => "elapsedSince";

    internal override bool DependsOnTime => true;

    internal override bool Holds(in FactValues facts, Instant at) =>
        facts.InstantOf(Since) is { } anchor && at - anchor >= AtLeast;

    internal override void AddThresholds(in FactValues facts, Instant after, ref Thresholds thresholds)
    {
        if (Threshold(facts) is { } t && t > after)
        {
            thresholds.Add(t);
        }
    }

    internal static void Validate(ElapsedAnchor since, Duration? atLeast, ProblemList problems, string path)
    {
        if (!Enum.IsDefined(since))
        {
            problems.Add(ProblemList.Join(path, "since"), $"{(int)since} is not an anchor");
        }

        var atLeastPath = ProblemList.Join(path, "atLeast");
        if (atLeast is null)
        {
            problems.AddMissing(atLeastPath, "a duration is required, like PT30M");
        }
        else
        {
            Durations.NotNegative(atLeast.Value, problems, atLeastPath);
        }
    }

    private static string Noun(ElapsedAnchor anchor) => anchor switch
    {
        ElapsedAnchor.Alert => "the alert",
        ElapsedAnchor.Acknowledged => "the acknowledgement",
        ElapsedAnchor.Declared => "the declaration",
        ElapsedAnchor.LastUpdate => "the last status update",
        _ => "the resolution",
    };
}
