namespace IncidentPolicy.OnCall;

/// <summary>
/// One layer of a <see cref="Schedule"/>: a named rotation, and the rosters that later take it over. Where several
/// layers have someone on call, the layer listed later wins (as in PagerDuty and Opsgenie, where the higher layer
/// takes precedence).
/// </summary>
/// <remarks>
/// <para>A roster change is a new version of the layer from an instant on: each rotation of
/// <see cref="RosterChanges"/> governs the layer from its own start until the next one's, and
/// <see cref="Rotation"/> until the first change. So who was on call before a change stays as it was: adding or
/// removing a member never rewrites the past.</para>
/// <para>Immutable and thread-safe. Two layers are equal when id, rotation and roster changes are equal.</para>
/// </remarks>
public sealed record ScheduleLayer
{
    /// <summary>Creates a layer.</summary>
    /// <param name="id">Id in lower-case kebab form, unique in the schedule, such as <c>weekdays</c>; overrides name it.</param>
    /// <param name="rotation">The rotation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rotation"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The id is not lower-case kebab form (path <c>id</c>).</exception>
    public ScheduleLayer(string id, Rotation rotation)
        : this(id, rotation, [])
    {
    }

    /// <summary>Creates a layer whose roster changes: each of <paramref name="rosterChanges"/> takes over at its start.</summary>
    /// <param name="id">Id in lower-case kebab form, unique in the schedule, such as <c>weekdays</c>; overrides name it.</param>
    /// <param name="rotation">The first rotation, in effect until the first roster change.</param>
    /// <param name="rosterChanges">Later rotations in time order; each governs the layer from its start on. Their
    /// starts must be in order (a <see cref="Schedule"/> checks that, as instants in its zone).</param>
    /// <exception cref="ArgumentNullException"><paramref name="rotation"/>, <paramref name="rosterChanges"/> or one of them is null.</exception>
    /// <exception cref="PolicyValidationException">The id is not lower-case kebab form (path <c>id</c>).</exception>
    public ScheduleLayer(string id, Rotation rotation, IEnumerable<Rotation> rosterChanges)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        ArgumentNullException.ThrowIfNull(rosterChanges);
        var changes = rosterChanges.ToList();
        if (changes.Any(c => c is null))
        {
            throw new ArgumentNullException(nameof(rosterChanges), "A roster change is null.");
        }

        var problems = new ProblemList();
        Person.CheckOtherId(id, "layer", "weekdays", problems, "id");
        problems.ThrowIfAny();
        Id = id;
        Rotation = rotation;
        RosterChanges = changes.AsReadOnly();
    }

    /// <summary>Id in lower-case kebab form, unique in the schedule.</summary>
    public string Id { get; }

    /// <summary>Who takes turns on this layer, and when, until the first roster change.</summary>
    public Rotation Rotation { get; }

    /// <summary>Later rosters, in time order: each governs the layer from its start until the next one's.</summary>
    public IReadOnlyList<Rotation> RosterChanges { get; }

    /// <summary>Every roster of the layer in time order: <see cref="Rotation"/>, then <see cref="RosterChanges"/>.</summary>
    public IEnumerable<Rotation> Rosters => RosterChanges.Prepend(Rotation);

    /// <summary>A copy of this layer with one more roster change: how a team hands the rotation over to a new roster.</summary>
    /// <param name="rotation">The new roster, governing the layer from its start on; its start must be after the
    /// last roster's.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rotation"/> is null.</exception>
    public ScheduleLayer WithRosterChange(Rotation rotation)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        return new ScheduleLayer(Id, Rotation, RosterChanges.Append(rotation));
    }

    /// <inheritdoc/>
    public bool Equals(ScheduleLayer? other) =>
        other is not null && Id == other.Id && Rotation.Equals(other.Rotation) && RosterChanges.SequenceEqual(other.RosterChanges);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Rotation, RosterChanges.Count);
}
