namespace IncidentPolicy.OnCall;

/// <summary>
/// One layer of a <see cref="Schedule"/>: a named rotation. Where several layers have someone on call, the
/// layer listed later wins (as in PagerDuty and Opsgenie, where the higher layer takes precedence).
/// </summary>
/// <remarks>Immutable and thread-safe. Two layers are equal when id and rotation are equal.</remarks>
public sealed record ScheduleLayer
{
    /// <summary>Creates a layer.</summary>
    /// <param name="id">Id in lower-case kebab form, unique in the schedule, such as <c>weekdays</c>; overrides name it.</param>
    /// <param name="rotation">The rotation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rotation"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The id is not lower-case kebab form (path <c>id</c>).</exception>
    public ScheduleLayer(string id, Rotation rotation)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        var problems = new ProblemList();
        Person.CheckOtherId(id, "layer", "weekdays", problems, "id");
        problems.ThrowIfAny();
        Id = id;
        Rotation = rotation;
    }

    /// <summary>Id in lower-case kebab form, unique in the schedule.</summary>
    public string Id { get; }

    /// <summary>Who takes turns on this layer, and when.</summary>
    public Rotation Rotation { get; }
}
