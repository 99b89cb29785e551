using NodaTime;
using IncidentPolicy.Calendars;

namespace IncidentPolicy.OnCall;

/// <summary>
/// A <see cref="Rotation"/> in a resolved time zone, precomputed so that "whose turn is it at t" is arithmetic:
/// the shift index is the number of whole shift lengths between the start and t, the turn is the number of
/// active shifts before it (counted per repeating cycle of active and idle shifts), and the member is the turn
/// modulo the number of members. Nothing is stepped through from the start.
/// </summary>
/// <remarks>
/// <para>Local date-times are written as the instant at which UTC shows them ("local as UTC", see
/// <see cref="WorkingDates.LocalAsUtc"/>), so local arithmetic is plain duration arithmetic: for periods without
/// months and years, local time has fixed-length days.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
internal sealed class RotationEngine
{
    private const long NanosPerDay = NodaConstants.NanosecondsPerDay;
    private const long NanosPerWeek = 7 * NanosPerDay;

    /// <summary>Monday 1970-01-05 00:00, local as UTC: weeks of the windows are counted from here.</summary>
    private static readonly Instant WeekOrigin = NodaConstants.UnixEpoch + Duration.FromDays(4);

    private readonly DateTimeZone _zone;
    private readonly bool _wallClock;
    private readonly Instant _localStart;
    private readonly long _lengthNs;
    private readonly int _memberCount;

    // Windows: the week cut into segments at every window edge (ns since Monday 00:00 local), each in a window or not.
    private readonly long[]? _cuts;
    private readonly bool[]? _segmentInWindow;

    // Shifts repeat their pattern of active and idle every _cycle shifts, _activePerCycle of them active;
    // _activeBefore[j] counts the active ones among the first j of a cycle.
    private readonly int _cycle = 1;
    private readonly int _activePerCycle = 1;
    private readonly int[] _activeBefore = [0, 1];

    public RotationEngine(Rotation rotation, DateTimeZone scheduleZone)
    {
        _zone = rotation.TimeZone ?? scheduleZone;
        _wallClock = rotation.ShiftLength.Clock == ShiftClock.WallClock;
        _localStart = rotation.Start.InUtc().ToInstant();
        Start = LenientResolver.Resolve(_zone, _localStart);
        _lengthNs = rotation.ShiftLength.Length.ToInt64Nanoseconds();
        _memberCount = rotation.Members.Count;
        if (rotation.ActiveWindows.Count == 0)
        {
            return;
        }

        var intervals = WindowIntervals(rotation.ActiveWindows);
        var cuts = new SortedSet<long> { 0, NanosPerWeek };
        foreach (var (from, to) in intervals)
        {
            cuts.Add(from);
            cuts.Add(to);
        }

        _cuts = [.. cuts];
        _segmentInWindow = new bool[_cuts.Length - 1];
        for (var i = 0; i < _segmentInWindow.Length; i++)
        {
            _segmentInWindow[i] = intervals.Any(w => w.From <= _cuts[i] && _cuts[i + 1] <= w.To);
        }

        // With elapsed shifts the zone has a fixed offset (validated), so local time is the instant plus it.
        var localStart = _wallClock ? _localStart : Start + Offset(Start);
        var phase = FloorMod(Nanos(localStart - WeekOrigin), NanosPerWeek);
        _cycle = (int)(NanosPerWeek / Gcd(_lengthNs, NanosPerWeek));
        _activeBefore = new int[_cycle + 1];
        for (var j = 0; j < _cycle; j++)
        {
            var from = (long)((phase + ((Int128)j * _lengthNs)) % NanosPerWeek);
            var active = _lengthNs >= NanosPerWeek || Touches(intervals, from, from + _lengthNs);
            _activeBefore[j + 1] = _activeBefore[j] + (active ? 1 : 0);
        }

        _activePerCycle = _activeBefore[_cycle];
    }

    /// <summary>The instant of the first handoff.</summary>
    public Instant Start { get; }

    /// <summary>Whether the rotation has active windows.</summary>
    public bool HasWindows => _cuts is not null;

    /// <summary>The instant shift <paramref name="k"/> starts.</summary>
    public Instant Boundary(long k) =>
        _wallClock ? LenientResolver.Resolve(_zone, _localStart + Lengths(k)) : Start + Lengths(k);

    /// <summary><paramref name="k"/> shift lengths. NodaTime's <c>Duration * long</c> takes a slow path beyond a few
    /// years of nanoseconds, so this multiplies in 128 bits and builds the duration from days and nanoseconds.</summary>
    private Duration Lengths(long k)
    {
        var total = (Int128)k * _lengthNs;
        var days = (int)(total / NanosPerDay);
        var rest = (long)(total % NanosPerDay);
        return Duration.FromDays(days) + Duration.FromNanoseconds(rest);
    }

    /// <summary>The shift containing <paramref name="t"/>, which is at or after <see cref="Start"/>.</summary>
    public long ShiftIndex(Instant t)
    {
        if (!_wallClock)
        {
            return (long)FloorDiv(Nanos(t - Start), _lengthNs);
        }

        // Whole periods between the local start and local t, then at most a step or two where a daylight-saving
        // change moved a handoff away from its local time.
        var k = (long)FloorDiv(Nanos(t + Offset(t) - _localStart), _lengthNs);
        while (k > 0 && t < Boundary(k))
        {
            k--;
        }

        while (t >= Boundary(k + 1))
        {
            k++;
        }

        return k;
    }

    /// <summary>Whether shift <paramref name="k"/> (≥ 0) touches an active window.</summary>
    public bool IsActive(long k)
    {
        var r = (int)(k % _cycle);
        return _activeBefore[r + 1] != _activeBefore[r];
    }

    /// <summary>The number of active shifts before shift <paramref name="k"/> (≥ 0): the turn number of shift k.</summary>
    public long Turn(long k) => (k / _cycle * _activePerCycle) + _activeBefore[(int)(k % _cycle)];

    /// <summary>The member index holding turn <paramref name="turn"/>.</summary>
    public int MemberOfTurn(long turn) => (int)(turn % _memberCount);

    /// <summary>Who the rotation has on call at <paramref name="t"/> (member index, or -1), and an instant after
    /// <paramref name="t"/> until which that stays so.</summary>
    public int At(Instant t, out Instant end)
    {
        if (t < Start)
        {
            end = Start;
            return -1;
        }

        var k = ShiftIndex(t);
        end = Boundary(k + 1);
        if (_cuts is null)
        {
            return MemberOfTurn(k);
        }

        // Outside the windows nobody is on call until the next window opens, whatever shifts begin meanwhile.
        if (!Segment(t, out var segmentEnd))
        {
            end = segmentEnd;
            return -1;
        }

        if (segmentEnd < end)
        {
            end = segmentEnd;
        }

        return IsActive(k) ? MemberOfTurn(Turn(k)) : -1;
    }

    /// <summary>The active shifts starting in [<paramref name="from"/>, <paramref name="to"/>): index, turn and member.
    /// For tests of fairness and for tools that count turns.</summary>
    public IEnumerable<(long Index, long Turn, int Member, Instant Start, Instant End)> ActiveShifts(Instant from, Instant to)
    {
        var k = from < Start ? 0 : ShiftIndex(from);
        for (var start = Boundary(k); start < to; start = Boundary(++k))
        {
            if (start >= from && IsActive(k))
            {
                var turn = Turn(k);
                yield return (k, turn, MemberOfTurn(turn), start, Boundary(k + 1));
            }
        }
    }

    /// <summary>Whether <paramref name="t"/> is inside an active window, and when that next changes (or may change).</summary>
    private bool Segment(Instant t, out Instant end)
    {
        var cuts = _cuts!;
        var segments = cuts.Length - 1;
        var local = Nanos(t + Offset(t) - WeekOrigin);
        var week = FloorDiv(local, NanosPerWeek);
        var position = (long)(local - (week * NanosPerWeek));
        var i = Array.BinarySearch(cuts, position);
        i = i >= 0 ? i : ~i - 1;
        var g = (week * segments) + i;

        // Local time by t's own offset can disagree with the leniently resolved window edges by a step
        // where a daylight-saving change repeats local times; walk to the segment whose instants hold t.
        for (var guard = 0; guard < 8 * segments; guard++)
        {
            var (from, to) = SegmentInstants(g, segments);
            if (t < from)
            {
                g--;
            }
            else if (t >= to)
            {
                g++;
            }
            else
            {
                end = to;
                return _segmentInWindow![(int)FloorMod(g, segments)];
            }
        }

        // Unreachable for real zones: the segments tile time without holes.
        end = t + Duration.FromMinutes(1);
        return false;
    }

    private (Instant From, Instant To) SegmentInstants(Int128 g, int segments)
    {
        var week = FloorDiv(g, segments);
        var i = (int)(g - (week * segments));
        var weekStart = WeekOrigin + Duration.FromDays((int)(week * 7));
        return (
            LenientResolver.Resolve(_zone, weekStart + Duration.FromNanoseconds(_cuts![i])),
            LenientResolver.Resolve(_zone, weekStart + Duration.FromNanoseconds(_cuts[i + 1])));
    }

    private Duration Offset(Instant t) => Duration.FromSeconds(_zone.GetUtcOffset(t).Seconds);

    /// <summary>The windows as merged intervals of nanoseconds since Monday 00:00, split at the end of the week.</summary>
    private static List<(long From, long To)> WindowIntervals(IReadOnlyList<ActiveWindow> windows)
    {
        var raw = new List<(long From, long To)>();
        foreach (var window in windows)
        {
            var length = window.Length.ToInt64Nanoseconds();
            foreach (var day in window.Days)
            {
                var from = (((int)day - 1) * NanosPerDay) + window.From.NanosecondOfDay;
                var to = from + length;
                if (to <= NanosPerWeek)
                {
                    raw.Add((from, to));
                }
                else
                {
                    raw.Add((from, NanosPerWeek));
                    raw.Add((0, to - NanosPerWeek));
                }
            }
        }

        var merged = new List<(long From, long To)>();
        foreach (var (from, to) in raw.OrderBy(w => w.From))
        {
            if (merged.Count > 0 && from <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, to));
            }
            else
            {
                merged.Add((from, to));
            }
        }

        return merged;
    }

    /// <summary>Whether local [from, to) of one week (to may pass the week's end, by less than a week) touches a window.</summary>
    private static bool Touches(List<(long From, long To)> intervals, long from, long to)
    {
        foreach (var (f, t) in intervals)
        {
            if ((f < to && from < t) || (to > NanosPerWeek && f < to - NanosPerWeek))
            {
                return true;
            }
        }

        return false;
    }

    private static Int128 Nanos(Duration duration) => ((Int128)duration.Days * NanosPerDay) + duration.NanosecondOfDay;

    private static Int128 FloorDiv(Int128 a, Int128 b)
    {
        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }

    private static long FloorMod(Int128 a, long b)
    {
        var r = (long)(a % b);
        return r < 0 ? r + b : r;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
