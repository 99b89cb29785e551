using IncidentPolicy.Calendars;
using NodaTime;

namespace IncidentPolicy.Severities;

/// <summary>
/// One level of the severity scale — <c>SEV-1</c> "Critical" — with who it involves and the response
/// targets it sets: acknowledgement and response targets, declare and assign an Incident Commander, status updates,
/// and the post-mortem.
/// </summary>
/// <remarks>
/// <para>Rank 1 is the most severe. Compare levels with <see cref="IsAtLeast"/> ("at least SEV-2") and
/// <see cref="IsMoreSevereThan"/>, or <see cref="CompareTo"/>, under which a more severe level is greater.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class SeverityLevel : IComparable<SeverityLevel>
{
    /// <summary>Creates a level, checking it all at once.</summary>
    /// <param name="id">Stable id such as <c>SEV-1</c>: non-blank, no white space.</param>
    /// <param name="rank">Position on the scale; 1 is the most severe; positive.</param>
    /// <param name="name">Display name such as <c>Critical</c>.</param>
    /// <param name="description">What qualifies: "Revenue-impacting, customer-facing outage".</param>
    /// <param name="examples">Examples of incidents at this level; each non-blank.</param>
    /// <param name="rolesInvolved">Ids of the roles that must be engaged; at least one, none twice.</param>
    /// <param name="acknowledgementTarget">How soon the alert must be acknowledged.</param>
    /// <param name="responseTarget">How soon the roles involved must be engaged.</param>
    /// <param name="declarationTimeLimit">How soon after the alert the incident must be declared, or <see langword="null"/>
    /// (policy files: <c>declareWithin</c>).</param>
    /// <param name="commanderAssignmentTimeLimit">How soon after the alert an Incident Commander must be assigned (policy
    /// files: <c>assignCommanderWithin</c>), or
    /// <see langword="null"/> when the level needs none.</param>
    /// <param name="statusUpdates">The communication rule; <see cref="StatusUpdateRule.None"/> when <see langword="null"/>.</param>
    /// <param name="postMortem">The post-mortem rule, or <see langword="null"/> when none is owed.</param>
    /// <exception cref="ArgumentNullException">A required reference argument is null.</exception>
    /// <exception cref="PolicyValidationException">The level is invalid; every problem is listed.</exception>
    public SeverityLevel(
        string id,
        int rank,
        string name,
        string description,
        IEnumerable<string> examples,
        IEnumerable<string> rolesInvolved,
        ResponseTarget acknowledgementTarget,
        ResponseTarget responseTarget,
        Duration? declarationTimeLimit = null,
        Duration? commanderAssignmentTimeLimit = null,
        StatusUpdateRule? statusUpdates = null,
        PostMortemRule? postMortem = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(rolesInvolved);
        ArgumentNullException.ThrowIfNull(acknowledgementTarget);
        ArgumentNullException.ThrowIfNull(responseTarget);
        var exampleList = examples.ToList();
        var roleList = rolesInvolved.ToList();
        var problems = new ProblemList();
        Validate(id, rank, name, description, exampleList, roleList, declarationTimeLimit, commanderAssignmentTimeLimit, problems, "");
        problems.ThrowIfAny();

        Id = id;
        Rank = rank;
        Name = name;
        Description = description ?? "";
        Examples = exampleList.AsReadOnly();
        RolesInvolved = roleList.AsReadOnly();
        AcknowledgementTarget = acknowledgementTarget;
        ResponseTarget = responseTarget;
        DeclarationTimeLimit = declarationTimeLimit;
        CommanderAssignmentTimeLimit = commanderAssignmentTimeLimit;
        StatusUpdates = statusUpdates ?? StatusUpdateRule.None;
        PostMortem = postMortem;
    }

    /// <summary>Stable id, such as <c>SEV-1</c>; compared ordinally.</summary>
    public string Id { get; }

    /// <summary>Position on the scale; 1 is the most severe.</summary>
    public int Rank { get; }

    /// <summary>Display name, such as <c>Critical</c>.</summary>
    public string Name { get; }

    /// <summary>What qualifies for this level; may be empty.</summary>
    public string Description { get; }

    /// <summary>Examples of incidents at this level.</summary>
    public IReadOnlyList<string> Examples { get; }

    /// <summary>Ids of the roles that must be engaged, each owing a <c>respond</c> obligation.</summary>
    public IReadOnlyList<string> RolesInvolved { get; }

    /// <summary>How soon the alert must be acknowledged (policy files: <c>acknowledge</c>).</summary>
    public ResponseTarget AcknowledgementTarget { get; }

    /// <summary>How soon the roles involved must be engaged ("Response time"; policy files: <c>respond</c>).</summary>
    public ResponseTarget ResponseTarget { get; }

    /// <summary>How soon after the alert the incident must be declared; <see langword="null"/> when not required.</summary>
    public Duration? DeclarationTimeLimit { get; }

    /// <summary>How soon after the alert an Incident Commander must be assigned; <see langword="null"/> when the
    /// level needs none.</summary>
    public Duration? CommanderAssignmentTimeLimit { get; }

    /// <summary>Whether the level needs an Incident Commander ("Every SEV-1 and SEV-2 incident needs one person in charge").</summary>
    public bool RequiresCommander => CommanderAssignmentTimeLimit is not null;

    /// <summary>The communication rule.</summary>
    public StatusUpdateRule StatusUpdates { get; }

    /// <summary>The post-mortem rule; <see langword="null"/> when no post-mortem is owed.</summary>
    public PostMortemRule? PostMortem { get; }

    /// <summary>Whether this level is at least as severe as <paramref name="other"/> (its rank is the same or lower).</summary>
    /// <param name="other">The level to compare with.</param>
    /// <returns><see langword="true"/> when <c>Rank &lt;= other.Rank</c>.</returns>
    public bool IsAtLeast(SeverityLevel other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Rank <= other.Rank;
    }

    /// <summary>Whether this level is strictly more severe than <paramref name="other"/>.</summary>
    /// <param name="other">The level to compare with.</param>
    /// <returns><see langword="true"/> when <c>Rank &lt; other.Rank</c>.</returns>
    public bool IsMoreSevereThan(SeverityLevel other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Rank < other.Rank;
    }

    /// <summary>Orders by severity: a more severe level (lower rank) compares greater; null is least.</summary>
    /// <param name="other">The level to compare with.</param>
    /// <returns>Positive when this level is more severe, zero for the same rank, negative otherwise.</returns>
    public int CompareTo(SeverityLevel? other) => other is null ? 1 : other.Rank.CompareTo(Rank);

    /// <summary>
    /// The deadlines an alert at <paramref name="alertAt"/> sets at this level: acknowledge, respond, and —
    /// where the level has them — declare, assign commander and first external update. Ordered by due
    /// instant, then by kind name.
    /// </summary>
    /// <param name="alertAt">When the alert fired.</param>
    /// <param name="calendar">The business calendar for business-hours and next-business-day targets.</param>
    /// <returns>Each deadline with its kind, due instant and a plain reason; a deadline that would fall after
    /// <see cref="Limits.LatestResult"/> never falls due and is left out.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alertAt"/> is outside the supported range
    /// (<see cref="Limits"/>).</exception>
    public IReadOnlyList<Deadline> Deadlines(Instant alertAt, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        TimeMath.CheckInput(alertAt, nameof(alertAt));
        var deadlines = new List<Deadline>(5);
        void Add(ObligationKind kind, Instant? dueAt, string reason)
        {
            if (dueAt is { } due)
            {
                deadlines.Add(new(kind, due, reason));
            }
        }

        Add(ObligationKind.Acknowledge, AcknowledgementTarget.DueAfter(alertAt, calendar), $"acknowledge within {AcknowledgementTarget} of the alert");
        Add(ObligationKind.Respond, ResponseTarget.DueAfter(alertAt, calendar), $"{string.Join(", ", RolesInvolved)} engaged within {ResponseTarget} of the alert");
        if (DeclarationTimeLimit is { } declare)
        {
            Add(ObligationKind.Declare, TimeMath.Plus(alertAt, declare), $"declare within {HumanText.Describe(declare)} of the alert");
        }

        if (CommanderAssignmentTimeLimit is { } commander)
        {
            Add(ObligationKind.AssignCommander, TimeMath.Plus(alertAt, commander),
                $"assign an Incident Commander within {HumanText.Describe(commander)} of the alert");
        }

        if (StatusUpdates is { Audience: UpdateAudience.External, FirstWithin: { } first })
        {
            Add(ObligationKind.FirstExternalUpdate, TimeMath.Plus(alertAt, first),
                $"first status-page update within {HumanText.Describe(first)} of the alert");
        }

        deadlines.Sort(static (a, b) =>
        {
            var byDue = a.DueAt.CompareTo(b.DueAt);
            return byDue != 0 ? byDue : string.CompareOrdinal(a.KindName, b.KindName);
        });
        return deadlines.AsReadOnly();
    }

    /// <summary>The id and name: <c>SEV-1 (Critical)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Id} ({Name})";

    internal static void Validate(
        string? id,
        int? rank,
        string? name,
        string? description,
        IReadOnlyList<string?> examples,
        IReadOnlyList<string?> rolesInvolved,
        Duration? declareWithin,
        Duration? assignCommanderWithin,
        ProblemList problems,
        string path)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.AddMissing(ProblemList.Join(path, "id"), "a severity id is required");
        }
        else if (problems.CheckText(id, StorableText.Shape.Id, "the severity id", ProblemList.Join(path, "id")) && id.Any(char.IsWhiteSpace))
        {
            problems.Add(ProblemList.Join(path, "id"), $"severity id '{id}' must not contain white space");
        }

        if (rank is null)
        {
            problems.AddMissing(ProblemList.Join(path, "rank"), "a rank is required");
        }
        else if (rank < 1)
        {
            problems.Add(ProblemList.Join(path, "rank"), $"rank must be 1 or more (1 is the most severe); got {rank}");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            problems.AddMissing(ProblemList.Join(path, "name"), "a name is required");
        }
        else
        {
            problems.CheckText(name, StorableText.Shape.Line, "the name", ProblemList.Join(path, "name"));
        }

        problems.CheckText(description, StorableText.Shape.Free, "the description", ProblemList.Join(path, "description"));
        var examplesPath = ProblemList.Join(path, "examples");
        for (var i = 0; i < examples.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(examples[i]))
            {
                problems.Add(ProblemList.Index(examplesPath, i), "an example must not be blank");
            }
            else
            {
                problems.CheckText(examples[i], StorableText.Shape.Line, "the example", ProblemList.Index(examplesPath, i));
            }
        }

        var rolesPath = ProblemList.Join(path, "rolesInvolved");
        if (rolesInvolved.Count == 0)
        {
            problems.AddMissing(rolesPath, "at least one role must be involved");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rolesInvolved.Count; i++)
        {
            var rolePath = ProblemList.Index(rolesPath, i);
            if (Role.CheckId(rolesInvolved[i], problems, rolePath) && !seen.Add(rolesInvolved[i]!))
            {
                problems.Add(rolePath, $"role '{rolesInvolved[i]}' is listed twice");
            }
        }

        Durations.PositiveIfPresent(declareWithin, problems, ProblemList.Join(path, "declareWithin"));
        Durations.PositiveIfPresent(assignCommanderWithin, problems, ProblemList.Join(path, "assignCommanderWithin"));
    }
}
