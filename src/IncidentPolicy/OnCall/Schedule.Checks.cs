using NodaTime;

namespace IncidentPolicy.OnCall;

// Checks of schedules: their validation, and conflicts between two schedules.
public sealed partial class Schedule
{
    /// <summary>
    /// The stretches of [<paramref name="from"/>, <paramref name="to"/>) in which one person is on call on both
    /// schedules — for the seed's rule that the Incident Commander rotation is separate from on-call.
    /// </summary>
    /// <param name="commander">The Incident Commander schedule.</param>
    /// <param name="onCall">The on-call schedule.</param>
    /// <param name="from">Start of the window, inclusive.</param>
    /// <param name="to">End of the window, exclusive.</param>
    /// <returns>The conflicts in time order; adjacent stretches of one person are not joined when either
    /// assignment changes.</returns>
    /// <exception cref="ArgumentNullException">A schedule is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> or <paramref name="to"/> is outside the
    /// supported range (<see cref="Limits"/>).</exception>
    public static IReadOnlyList<ScheduleConflict> Conflicts(Schedule commander, Schedule onCall, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(commander);
        ArgumentNullException.ThrowIfNull(onCall);
        var a = commander.Shifts(from, to);
        var b = onCall.Shifts(from, to);
        var conflicts = new List<ScheduleConflict>();
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            var start = a[i].Start > b[j].Start ? a[i].Start : b[j].Start;
            var end = a[i].End < b[j].End ? a[i].End : b[j].End;
            if (start < end && a[i].PersonId == b[j].PersonId)
            {
                conflicts.Add(new ScheduleConflict(a[i].PersonId, start, end, a[i].Assignment, b[j].Assignment));
            }

            if (a[i].End <= b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return conflicts;
    }

    internal static void Validate(
        string? id,
        string? name,
        string? role,
        DateTimeZone? zone,
        IReadOnlyList<ScheduleLayer?> layers,
        IReadOnlyList<ScheduleOverride?> overrides,
        IReadOnlyList<Unavailability?> unavailability,
        UnavailabilityPolicy? whenUnavailable,
        ProblemList problems,
        string path)
    {
        Person.CheckOtherId(id, "schedule", "on-call", problems, ProblemList.Join(path, "id"));
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.AddMissing(ProblemList.Join(path, "name"), "a name is required");
        }
        else
        {
            problems.CheckText(name, StorableText.Shape.Line, "the name", ProblemList.Join(path, "name"));
        }

        if (role is not null)
        {
            IncidentPolicy.Primitives.Role.CheckId(role, problems, ProblemList.Join(path, "role"));
        }

        if (whenUnavailable is { } policy && !Enum.IsDefined(policy))
        {
            problems.Add(ProblemList.Join(path, "whenUnavailable"), $"{(int)policy} is not an unavailability policy");
        }

        var layersPath = ProblemList.Join(path, "layers");
        if (layers.Count == 0)
        {
            problems.AddMissing(layersPath, "at least one layer is required");
        }

        var layerIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Count; i++)
        {
            if (layers[i] is not { } layer)
            {
                continue;
            }

            var layerPath = ProblemList.Index(layersPath, i);
            if (!layerIds.TryAdd(layer.Id, i))
            {
                problems.Add(ProblemList.Join(layerPath, "id"), $"layer id '{layer.Id}' is already used by {ProblemList.Index(layersPath, layerIds[layer.Id])}");
            }

            if (zone is not null)
            {
                Rotation.ValidateZone(layer.Rotation.ShiftLength, layer.Rotation.ActiveWindows.Count, layer.Rotation.TimeZone ?? zone, layer.Rotation.Start, problems, ProblemList.Join(layerPath, "rotation"));
                ValidateRosterChanges(layer, zone, problems, layerPath);
            }
        }

        var overridesPath = ProblemList.Join(path, "overrides");
        var unavailabilityPath = ProblemList.Join(path, "unavailability");
        var allLayersRead = layers.All(l => l is not null);
        var leave = LeaveIndex.Of(unavailability);

        // Per layer (or "" for the whole schedule), the earlier overrides: each override is checked against them with a
        // binary search and a prefix maximum, not a comparison with every one, so a long list costs n log n.
        var byLayer = OverrideOverlaps.ByLayer(overrides);
        for (var i = 0; i < overrides.Count; i++)
        {
            if (overrides[i] is not { } o)
            {
                continue;
            }

            var overridePath = ProblemList.Index(overridesPath, i);
            if (o.LayerId is { } layerId && !layerIds.ContainsKey(layerId) && allLayersRead)
            {
                problems.Add(
                    ProblemList.Join(overridePath, "layer"),
                    $"unknown layer '{layerId}'; the schedule's layers are: {string.Join(", ", layerIds.Keys)} (or null for the whole schedule)");
            }

            if (byLayer[o.LayerId ?? ""].EarlierOverlapping(i, o.Start, o.End) is { } earlier)
            {
                var other = overrides[earlier]!;
                problems.Add(
                    overridePath,
                    $"overlaps {ProblemList.Index(overridesPath, earlier)} ({Describe(other.Start, other.End)}) on {(o.LayerId is null ? "the whole schedule" : $"layer {o.LayerId}")}; overrides of one layer must not overlap");
            }

            if (leave.Overlapping(o.PersonId, o.Start, o.End) is { } j)
            {
                var u = unavailability[j]!;
                problems.Add(
                    ProblemList.Join(overridePath, "person"),
                    $"'{o.PersonId}' is unavailable during this override ({ProblemList.Index(unavailabilityPath, j)}: {Describe(u.Start, u.End)})");
            }
        }
    }

    /// <summary>Each roster change must take over after the roster before it (as instants in its zone).</summary>
    private static void ValidateRosterChanges(ScheduleLayer layer, DateTimeZone zone, ProblemList problems, string layerPath)
    {
        var previous = layer.Rotation;
        var previousStart = RotationEngine.FirstAtOrAfter(previous.TimeZone ?? zone, previous.Start.InUtc().ToInstant());
        for (var j = 0; j < layer.RosterChanges.Count; j++)
        {
            var change = layer.RosterChanges[j];
            var changePath = ProblemList.Index(ProblemList.Join(layerPath, "rosterChanges"), j);
            var changeZone = change.TimeZone ?? zone;
            Rotation.ValidateZone(change.ShiftLength, change.ActiveWindows.Count, changeZone, change.Start, problems, changePath);
            var start = RotationEngine.FirstAtOrAfter(changeZone, change.Start.InUtc().ToInstant());
            if (start <= previousStart)
            {
                problems.Add(
                    ProblemList.Join(changePath, "start"),
                    $"a roster change takes over at its start, {IsoText.FormatInstant(start)}, which must be after the start of the roster before it ({IsoText.FormatInstant(previousStart)}); list roster changes in time order");
            }

            previousStart = start > previousStart ? start : previousStart;
        }
    }

    /// <summary>Each person's unavailability sorted by start, with the running latest end and whose it is, so that
    /// "is this person away at some time in [start, end)" is a binary search.</summary>
    private sealed class LeaveIndex
    {
        private readonly Dictionary<string, (Instant[] Starts, Instant[] LatestEnd, int[] LatestIndex)> _byPerson;

        private LeaveIndex(Dictionary<string, (Instant[], Instant[], int[])> byPerson) => _byPerson = byPerson;

        public static LeaveIndex Of(IReadOnlyList<Unavailability?> unavailability)
        {
            var byPerson = new Dictionary<string, (Instant[], Instant[], int[])>(StringComparer.Ordinal);
            var groups = Enumerable.Range(0, unavailability.Count)
                .Where(j => unavailability[j] is not null)
                .GroupBy(j => unavailability[j]!.PersonId, StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var sorted = group.OrderBy(j => unavailability[j]!.Start).ThenBy(j => j).ToArray();
                var starts = new Instant[sorted.Length];
                var latestEnd = new Instant[sorted.Length];
                var latestIndex = new int[sorted.Length];
                for (var k = 0; k < sorted.Length; k++)
                {
                    var u = unavailability[sorted[k]]!;
                    starts[k] = u.Start;
                    var later = k == 0 || u.End > latestEnd[k - 1];
                    latestEnd[k] = later ? u.End : latestEnd[k - 1];
                    latestIndex[k] = later ? sorted[k] : latestIndex[k - 1];
                }

                byPerson[group.Key] = (starts, latestEnd, latestIndex);
            }

            return new LeaveIndex(byPerson);
        }

        /// <summary>The index of an unavailability of <paramref name="personId"/> overlapping [start, end), or null.</summary>
        public int? Overlapping(string personId, Instant start, Instant end)
        {
            if (!_byPerson.TryGetValue(personId, out var leave))
            {
                return null;
            }

            // The last unavailability starting before the end; among it and those before, the one ending latest.
            var last = FirstNotBefore(leave.Starts, end, s => s) - 1;
            return last >= 0 && leave.LatestEnd[last] > start ? leave.LatestIndex[last] : null;
        }

    }

    /// <summary>
    /// The overrides of one layer, for "does override i overlap an override listed before it": they are ranked by
    /// start, and as each is checked (in list order) its end is entered at its rank in a Fenwick tree of maxima, so the
    /// latest end among the earlier overrides that start before i ends is a prefix maximum.
    /// </summary>
    private sealed class OverrideOverlaps
    {
        private readonly Instant[] _starts;
        private readonly Dictionary<int, int> _rank = [];
        private readonly (Instant End, int Index)[] _tree;

        private OverrideOverlaps(IReadOnlyList<ScheduleOverride?> overrides, List<int> members)
        {
            members.Sort((a, b) => overrides[a]!.Start != overrides[b]!.Start ? overrides[a]!.Start.CompareTo(overrides[b]!.Start) : a.CompareTo(b));
            _starts = [.. members.Select(i => overrides[i]!.Start)];
            for (var r = 0; r < members.Count; r++)
            {
                _rank[members[r]] = r + 1;
            }

            _tree = Enumerable.Repeat((Instant.MinValue, -1), members.Count + 1).ToArray();
        }

        public static Dictionary<string, OverrideOverlaps> ByLayer(IReadOnlyList<ScheduleOverride?> overrides)
        {
            var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < overrides.Count; i++)
            {
                if (overrides[i] is { } o)
                {
                    var key = o.LayerId ?? "";
                    (members.TryGetValue(key, out var list) ? list : members[key] = []).Add(i);
                }
            }

            return members.ToDictionary(p => p.Key, p => new OverrideOverlaps(overrides, p.Value), StringComparer.Ordinal);
        }

        /// <summary>An override listed before <paramref name="index"/> that overlaps [start, end) — the one of them that
        /// ends latest — or null; then enters this override for the ones after it.</summary>
        public int? EarlierOverlapping(int index, Instant start, Instant end)
        {
            if (end <= start)
            {
                return null;
            }

            var best = (End: Instant.MinValue, Index: -1);
            for (var k = FirstNotBefore(_starts, end, s => s); k > 0; k -= k & -k)
            {
                best = _tree[k].End > best.End ? _tree[k] : best;
            }

            for (var k = _rank[index]; k < _tree.Length; k += k & -k)
            {
                _tree[k] = end > _tree[k].End ? (end, index) : _tree[k];
            }

            return best.End > start ? best.Index : null;
        }
    }
}
