using System.Collections;
using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace IncidentPolicy.Severities;

/// <summary>
/// The ordered severity levels of a policy, most severe first, with unique ids and ranks.
/// </summary>
/// <remarks>
/// <para>Levels are kept in rank order whatever order they were given in. <see cref="Warnings"/> lists
/// levels whose targets are slower than those of the next less severe level — allowed, but usually a
/// mistake.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed partial class SeverityScale : IReadOnlyList<SeverityLevel>
{
    private readonly SeverityLevel[] _levels;
    private readonly Dictionary<string, SeverityLevel> _byId;

    /// <summary>Creates a scale, checking it all at once.</summary>
    /// <param name="levels">At least one level; ids and ranks unique.</param>
    /// <exception cref="ArgumentNullException"><paramref name="levels"/> or one of them is null.</exception>
    /// <exception cref="PolicyValidationException">The scale is empty or an id or rank is used twice; paths are
    /// indexes into <paramref name="levels"/>, like <c>[2].rank</c>.</exception>
    public SeverityScale(IEnumerable<SeverityLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var given = levels.ToList();
        if (given.Any(l => l is null))
        {
            throw new ArgumentNullException(nameof(levels), "A severity level is null.");
        }

        var problems = new ProblemList();
        Validate(given.Select(l => ((string?)l.Id, (int?)l.Rank)).ToList(), problems, "");
        problems.ThrowIfAny();

        var order = Enumerable.Range(0, given.Count).OrderBy(i => given[i].Rank).ToArray();
        _levels = order.Select(i => given[i]).ToArray();
        SourceIndex = order;
        _byId = _levels.ToDictionary(l => l.Id, StringComparer.Ordinal);
        Warnings = FindSlowerTargets().AsReadOnly();
    }

    /// <summary>The most severe level (lowest rank).</summary>
    public SeverityLevel MostSevere => _levels[0];

    /// <summary>The least severe level (highest rank).</summary>
    public SeverityLevel LeastSevere => _levels[^1];

    /// <summary>The number of levels.</summary>
    public int Count => _levels.Length;

    /// <summary>Levels whose targets are slower than the next less severe level's; paths like
    /// <c>[0].respond</c>, indexes into the levels as given. Only targets on the same kind of clock are compared
    /// here; a policy compares the others by their due instants in its calendar (<see cref="ResponsePolicy.Warnings"/>).</summary>
    public IReadOnlyList<PolicyProblem> Warnings { get; }

    /// <summary>For each level in rank order, its index in the sequence the scale was created from.</summary>
    internal IReadOnlyList<int> SourceIndex { get; }

    /// <summary>The level at <paramref name="index"/> in rank order (0 is the most severe).</summary>
    /// <param name="index">Position in rank order.</param>
    public SeverityLevel this[int index] => _levels[index];

    /// <summary>Finds a level by id (ordinal comparison).</summary>
    /// <param name="id">A severity id such as <c>SEV-2</c>.</param>
    /// <param name="level">The level, when found.</param>
    /// <returns><see langword="true"/> when the scale has a level with that id.</returns>
    public bool TryGet(string id, [NotNullWhen(true)] out SeverityLevel? level)
    {
        level = null;
        return id is not null && _byId.TryGetValue(id, out level);
    }

    /// <summary>Finds a level by id (ordinal comparison).</summary>
    /// <param name="id">A severity id such as <c>SEV-2</c>.</param>
    /// <returns>The level, or <see langword="null"/> when there is none with that id.</returns>
    public SeverityLevel? Find(string id) => TryGet(id, out var level) ? level : null;

    /// <summary>Enumerates the levels, most severe first.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<SeverityLevel> GetEnumerator() => ((IEnumerable<SeverityLevel>)_levels).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Lists the ids, most severe first: <c>SEV-1, SEV-2, SEV-3, SEV-4</c>.</summary>
    /// <returns>The ids.</returns>
    public override string ToString() => string.Join(", ", _levels.Select(l => l.Id));

    internal static void Validate(IReadOnlyList<(string? Id, int? Rank)> levels, ProblemList problems, string path)
    {
        if (levels.Count == 0)
        {
            problems.AddMissing(path, "at least one severity level is required");
            return;
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var ranks = new Dictionary<int, int>();
        for (var i = 0; i < levels.Count; i++)
        {
            var (id, rank) = levels[i];
            if (id is not null && !ids.TryAdd(id, i))
            {
                problems.Add(path + $"[{i}].id", $"severity id '{id}' is already used by {path}[{ids[id]}]");
            }

            if (rank is { } r && !ranks.TryAdd(r, i))
            {
                problems.Add(path + $"[{i}].rank", $"rank {r} is already used by {path}[{ranks[r]}]");
            }
        }
    }

    private List<PolicyProblem> FindSlowerTargets()
    {
        var warnings = new List<PolicyProblem>();
        for (var i = 0; i + 1 < _levels.Length; i++)
        {
            var (severe, lesser) = (_levels[i], _levels[i + 1]);
            var path = $"[{SourceIndex[i]}]";
            void Check(string member, string what, object? mine, object? theirs, bool slower)
            {
                if (slower)
                {
                    warnings.Add(new PolicyProblem(
                        path + "." + member,
                        $"{severe.Id} allows {mine} to {what}, slower than {lesser.Id}'s {theirs}; a more severe level is usually at least as fast"));
                }
            }

            Check("acknowledge", "acknowledge", severe.AcknowledgementTarget, lesser.AcknowledgementTarget, IsSlower(severe.AcknowledgementTarget, lesser.AcknowledgementTarget));
            Check("respond", "respond", severe.ResponseTarget, lesser.ResponseTarget, IsSlower(severe.ResponseTarget, lesser.ResponseTarget));
            Check("declareWithin", "declare", Show(severe.DeclarationTimeLimit), Show(lesser.DeclarationTimeLimit), IsSlower(severe.DeclarationTimeLimit, lesser.DeclarationTimeLimit));
            Check("assignCommanderWithin", "assign a commander", Show(severe.CommanderAssignmentTimeLimit), Show(lesser.CommanderAssignmentTimeLimit),
                IsSlower(severe.CommanderAssignmentTimeLimit, lesser.CommanderAssignmentTimeLimit));
            Check("statusUpdates.firstWithin", "post the first status-page update", Show(severe.StatusUpdates.FirstWithin),
                Show(lesser.StatusUpdates.FirstWithin), IsSlower(severe.StatusUpdates.FirstWithin, lesser.StatusUpdates.FirstWithin));
            Check("statusUpdates.every", "go between status-page updates", Show(severe.StatusUpdates.Every), Show(lesser.StatusUpdates.Every),
                IsSlower(severe.StatusUpdates.Every, lesser.StatusUpdates.Every));
        }

        return warnings;
    }

    private static string? Show(Duration? duration) => duration is { } d ? HumanText.Describe(d) : null;

    private static bool IsSlower(Duration? mine, Duration? theirs) => mine is { } m && theirs is { } t && m > t;

    // Targets on the same kind of clock compare by their lengths (next business day is one business day). Targets on
    // different kinds of clock need the calendar: TargetOrderWarnings compares their due instants.
    private static bool IsSlower(ResponseTarget mine, ResponseTarget theirs) =>
        SameKind(mine, theirs)
        && (BusinessDaysOf(mine) is { } m ? m > BusinessDaysOf(theirs) : mine.Within > theirs.Within);

    private static bool SameKind(ResponseTarget mine, ResponseTarget theirs) =>
        mine.Clock == theirs.Clock || (BusinessDaysOf(mine) is not null && BusinessDaysOf(theirs) is not null);

    private static int? BusinessDaysOf(ResponseTarget target) =>
        target.Clock == ResponseClock.NextBusinessDay ? 1 : target.Days;
}
