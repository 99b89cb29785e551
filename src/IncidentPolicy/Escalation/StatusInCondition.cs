using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>Holds while the incident's status is one of <see cref="Statuses"/>. JSON:
/// <c>{"statusIn": ["triggered", "acknowledged"]}</c>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class StatusInCondition : Condition
{
    private readonly int _mask;

    /// <summary>Creates the condition.</summary>
    /// <param name="statuses">At least one status, none twice.</param>
    /// <exception cref="ArgumentNullException"><paramref name="statuses"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The set is empty (path <c>statusIn</c>), or a status is listed
    /// twice or undefined (path <c>statusIn[i]</c>).</exception>
    public StatusInCondition(params IEnumerable<IncidentStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var list = statuses.ToList();
        var problems = new ProblemList();
        Validate(list.Select(s => (IncidentStatus?)s).ToList(), problems, "statusIn");
        problems.ThrowIfAny();
        Statuses = list.AsReadOnly();
        foreach (var status in list)
        {
            _mask |= 1 << (int)status;
        }
    }

    /// <summary>The statuses in which the condition holds, in the order given.</summary>
    public IReadOnlyList<IncidentStatus> Statuses { get; }

    /// <summary>In words: <c>status is triggered</c>, <c>status is one of triggered, acknowledged</c>.</summary>
    /// <returns>The description.</returns>
    public override string Describe() => Describe(negated: false);

    internal override string KindName => "statusIn";

    internal string Describe(bool negated)
    {
        var names = string.Join(", ", Statuses.Select(s => HumanText.CamelCase(s)));
        return (Statuses.Count, negated) switch
        {
            (1, false) => $"status is {names}",
            (1, true) => $"status is not {names}",
            (_, false) => $"status is one of {names}",
            _ => $"status is none of {names}",
        };
    }

    internal override bool Holds(in FactValues facts, Instant at) => (_mask & (1 << (int)facts.Status)) != 0;

    internal static void Validate(IReadOnlyList<IncidentStatus?> statuses, ProblemList problems, string path)
    {
        if (statuses.Count == 0)
        {
            problems.AddMissing(path, "at least one status is required");
            return;
        }

        var seen = new Dictionary<IncidentStatus, int>();
        for (var i = 0; i < statuses.Count; i++)
        {
            if (statuses[i] is not { } status)
            {
                continue;
            }

            if (!Enum.IsDefined(status))
            {
                problems.Add(ProblemList.Index(path, i), $"{(int)status} is not an incident status");
            }
            else if (!seen.TryAdd(status, i))
            {
                problems.Add(ProblemList.Index(path, i), $"'{HumanText.CamelCase(status)}' is already listed at {ProblemList.Index(path, seen[status])}");
            }
        }
    }
}
