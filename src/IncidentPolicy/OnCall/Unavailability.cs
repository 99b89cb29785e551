using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>
/// A person cannot be on call for [<see cref="Start"/>, <see cref="End"/>) — leave, illness, travel. Shifts of
/// theirs in that time pass to the next available member or become gaps, as the schedule's
/// <see cref="Schedule.WhenUnavailable"/> says.
/// </summary>
/// <remarks>Entries of one person may overlap or touch; they count as their union. Immutable and thread-safe.</remarks>
public sealed record Unavailability
{
    /// <summary>Creates an unavailability.</summary>
    /// <param name="personId">Who is unavailable.</param>
    /// <param name="start">Start, inclusive.</param>
    /// <param name="end">End, exclusive; after <paramref name="start"/>.</param>
    /// <exception cref="PolicyValidationException">The id is not kebab form, an instant is outside
    /// <see cref="Limits.MinInstant"/> … <see cref="Limits.MaxInstant"/>, or <paramref name="end"/> is not after
    /// <paramref name="start"/> (paths <c>person</c>, <c>from</c>, <c>to</c>).</exception>
    public Unavailability(string personId, Instant start, Instant end)
    {
        var problems = new ProblemList();
        Validate(personId, start, end, problems, "");
        problems.ThrowIfAny();
        PersonId = personId;
        Start = start;
        End = end;
    }

    /// <summary>Who is unavailable.</summary>
    public string PersonId { get; }

    /// <summary>Start, inclusive.</summary>
    public Instant Start { get; }

    /// <summary>End, exclusive.</summary>
    public Instant End { get; }

    internal static void Validate(string? personId, Instant? start, Instant? end, ProblemList problems, string path)
    {
        Person.CheckId(personId, problems, ProblemList.Join(path, "person"));
        ScheduleOverride.CheckWindow(start, end, problems, path);
    }
}
