using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>
/// A person on call in place of whoever a schedule has for [<see cref="Start"/>, <see cref="End"/>): on one layer
/// (<see cref="LayerId"/>) or, when that is <see langword="null"/>, on the whole schedule.
/// </summary>
/// <remarks>
/// <para>An override holds for its whole window, also at times the layer's rotation has nobody (outside its active
/// windows). A layer override then competes with the other layers like the rotation it overrides (a later layer
/// still wins); a schedule override wins over every layer. Overrides of one layer (or of the whole schedule) must
/// not overlap. An override is a deliberate assignment, so the person must not be unavailable during it.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record ScheduleOverride
{
    /// <summary>Creates an override.</summary>
    /// <param name="personId">Who is on call.</param>
    /// <param name="start">Start, inclusive.</param>
    /// <param name="end">End, exclusive; after <paramref name="start"/>.</param>
    /// <param name="layerId">The layer overridden, or <see langword="null"/> for the whole schedule.</param>
    /// <exception cref="PolicyValidationException">An id is not kebab form, an instant is outside
    /// <see cref="Limits.MinInstant"/> … <see cref="Limits.MaxInstant"/>, or <paramref name="end"/> is not after
    /// <paramref name="start"/> (paths <c>person</c>, <c>layer</c>, <c>from</c>, <c>to</c>).</exception>
    public ScheduleOverride(string personId, Instant start, Instant end, string? layerId = null)
    {
        var problems = new ProblemList();
        Validate(personId, start, end, layerId, problems, "");
        problems.ThrowIfAny();
        PersonId = personId;
        Start = start;
        End = end;
        LayerId = layerId;
    }

    /// <summary>Who is on call.</summary>
    public string PersonId { get; }

    /// <summary>Start, inclusive.</summary>
    public Instant Start { get; }

    /// <summary>End, exclusive.</summary>
    public Instant End { get; }

    /// <summary>The layer overridden, or <see langword="null"/> for the whole schedule.</summary>
    public string? LayerId { get; }

    internal static void Validate(string? personId, Instant? start, Instant? end, string? layerId, ProblemList problems, string path)
    {
        Person.CheckId(personId, problems, ProblemList.Join(path, "person"));
        if (layerId is not null)
        {
            Person.CheckOtherId(layerId, "layer", "weekdays", problems, ProblemList.Join(path, "layer"));
        }

        CheckWindow(start, end, problems, path);
    }

    internal static void CheckWindow(Instant? start, Instant? end, ProblemList problems, string path)
    {
        var inRange = StorableValues.CheckInstant(start, problems, ProblemList.Join(path, "from"))
            & StorableValues.CheckInstant(end, problems, ProblemList.Join(path, "to"));
        if (inRange && start is { } s && end is { } e && e <= s)
        {
            problems.Add(
                ProblemList.Join(path, "to"),
                $"must be after from ({IsoText.FormatInstant(s)}); got {IsoText.FormatInstant(e)}");
        }
    }
}
