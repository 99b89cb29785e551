using NodaTime;

namespace IncidentPolicy.Severities;

/// <summary>
/// A severity's communication rule: whether the status page must be updated, how soon after the alert
/// the first update is due, and how often after that (Rule 3: "Update stakeholders every 15 minutes").
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record StatusUpdateRule
{
    private StatusUpdateRule(UpdateAudience audience, Duration? firstWithin, Duration? every)
    {
        Audience = audience;
        FirstWithin = firstWithin;
        Every = every;
    }

    /// <summary>Updates stay internal; nothing is owed to the status page.</summary>
    public static StatusUpdateRule InternalOnly { get; } = new(UpdateAudience.InternalOnly, null, null);

    /// <summary>No status updates are owed.</summary>
    public static StatusUpdateRule None { get; } = new(UpdateAudience.None, null, null);

    /// <summary>Who the updates go to.</summary>
    public UpdateAudience Audience { get; }

    /// <summary>How soon after the alert the first status-page update is due; set only for <see cref="UpdateAudience.External"/>.</summary>
    public Duration? FirstWithin { get; }

    /// <summary>The cadence of later status-page updates, each due this long after the previous one;
    /// <see langword="null"/> when only a first update is owed.</summary>
    public Duration? Every { get; }

    /// <summary>Status-page updates: the first within <paramref name="firstWithin"/> of the alert, then every <paramref name="every"/>.</summary>
    /// <param name="firstWithin">How soon the first update is due; positive.</param>
    /// <param name="every">The cadence after that; positive, or <see langword="null"/> for none.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="PolicyValidationException">A duration is zero or negative (paths <c>firstWithin</c>, <c>every</c>).</exception>
    public static StatusUpdateRule External(Duration firstWithin, Duration? every) =>
        Create(UpdateAudience.External, firstWithin, every);

    /// <summary>Describes the rule: <c>status page within 15 minutes, then every 15 minutes</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Audience switch
    {
        UpdateAudience.External => $"status page within {HumanText.Describe(FirstWithin!.Value)}"
            + (Every is { } every ? $", then every {HumanText.Describe(every)}" : ""),
        UpdateAudience.InternalOnly => "internal only",
        _ => "none",
    };

    internal static StatusUpdateRule Create(UpdateAudience audience, Duration? firstWithin, Duration? every)
    {
        var problems = new ProblemList();
        Validate(audience, firstWithin, every, problems, "");
        problems.ThrowIfAny();
        return audience switch
        {
            UpdateAudience.InternalOnly => InternalOnly,
            UpdateAudience.None => None,
            _ => new StatusUpdateRule(audience, firstWithin, every),
        };
    }

    internal static void Validate(UpdateAudience audience, Duration? firstWithin, Duration? every, ProblemList problems, string path)
    {
        var firstPath = ProblemList.Join(path, "firstWithin");
        var everyPath = ProblemList.Join(path, "every");
        switch (audience)
        {
            case UpdateAudience.External:
                Durations.RequirePositive(firstWithin, problems, firstPath);
                Durations.PositiveIfPresent(every, problems, everyPath);
                break;
            case UpdateAudience.InternalOnly or UpdateAudience.None:
                if (firstWithin is not null)
                {
                    problems.Add(firstPath, "must be null unless the audience is external");
                }

                if (every is not null)
                {
                    problems.Add(everyPath, "must be null unless the audience is external");
                }

                break;
            default:
                problems.Add(ProblemList.Join(path, "audience"), $"{(int)audience} is not an update audience");
                break;
        }
    }
}
