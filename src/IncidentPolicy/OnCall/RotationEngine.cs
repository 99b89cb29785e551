using NodaTime;
using IncidentPolicy.Calendars;

namespace IncidentPolicy.OnCall;

/// <summary>
/// A <see cref="Rotation"/> in a resolved time zone, precomputed so that "whose turn is it at t" is arithmetic:
/// the shift index is the number of whole shift lengths (or months) between the start and t, the turn is the number
/// of active, non-empty shifts before it (active ones counted per repeating cycle of active and idle shifts, empty
/// ones — swallowed by a daylight-saving gap — looked up in a table of the zone's gaps), and the member is the turn
/// modulo the number of members. Nothing is stepped through from the start.
/// </summary>
/// <remarks>
/// <para>Local date-times are written as the instant at which UTC shows them ("local as UTC", see
/// <see cref="WorkingDates.LocalAsUtc"/>), so local arithmetic is plain duration arithmetic: for periods without
/// months and years, local time has fixed-length days.</para>
/// <para>A handoff happens at the first instant whose local time is at or after its nominal local time: one inside
/// a gap happens at the gap's end, and handoffs that land on one instant are one handoff; the shifts between them are
/// empty and take no turn.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
internal sealed class RotationEngine
{
    private const long NanosPerDay = NodaConstants.NanosecondsPerDay;
    private const long NanosPerWeek = 7 * NanosPerDay;

    /// <summary>Monday 1970-01-05 00:00, local as UTC: weeks of the windows are counted from here.</summary>
    private static readonly Instant WeekOrigin = NodaConstants.UnixEpoch + Duration.FromDays(4);

    /// <summary>More than any change of a zone's offset: a clock set back repeats at most this long.</summary>
    private static readonly Duration MaxOffsetChange = Duration.FromHours(36);

    private readonly DateTimeZone _zone;
    private readonly bool _wallClock;
    private readonly Instant _localStart;
    private readonly long _lengthNs;
    private readonly int _memberCount;

    // Monthly lengths: months per shift (0 otherwise), the local start, and for WeekdayOfMonth its occurrence (5: last).
    private readonly int _months;
    private readonly LocalDateTime _startLocal;
    private readonly bool _weekdayOfMonth;
    private readonly int _occurrence;

    // Empty shifts (wall clock, fixed length): per run of them in one gap, the first index, and the number of empty
    // (and empty active) shifts before the run, with one more entry for the total.
    private readonly long[] _emptyFirst = [];
    private readonly long[] _emptyBefore = [0];
    private readonly long[] _emptyActiveBefore = [0];

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
        _startLocal = rotation.Start;
        Start = FirstAtOrAfter(_zone, _localStart);
        _lengthNs = rotation.ShiftLength.Length.ToInt64Nanoseconds();
        _memberCount = rotation.Members.Count;
        _months = rotation.ShiftLength.Months;
        _weekdayOfMonth = rotation.ShiftLength.Anchor == MonthlyAnchor.WeekdayOfMonth;
        _occurrence = ((rotation.Start.Day - 1) / 7) + 1;
        if (rotation.ActiveWindows.Count > 0)
        {
            (_cuts, _segmentInWindow, _cycle, _activeBefore) = Windows(rotation);
            _activePerCycle = _activeBefore[_cycle];
        }

        if (_wallClock && _months == 0)
        {
            (_emptyFirst, _emptyBefore, _emptyActiveBefore) = EmptyShifts();
        }
    }

    /// <summary>The windows cut into segments, and the active shifts per repeating cycle of shifts.</summary>
    private (long[] Cuts, bool[] InWindow, int Cycle, int[] ActiveBefore) Windows(Rotation rotation)
    {
        var intervals = WindowIntervals(rotation.ActiveWindows);
        var cuts = new SortedSet<long> { 0, NanosPerWeek };
        foreach (var (from, to) in intervals)
        {
            cuts.Add(from);
            cuts.Add(to);
        }

        long[] cutArray = [.. cuts];
        var inWindow = new bool[cutArray.Length - 1];
        for (var i = 0; i < inWindow.Length; i++)
        {
            inWindow[i] = intervals.Any(w => w.From <= cutArray[i] && cutArray[i + 1] <= w.To);
        }

        // A shift of a week or more (every monthly one) touches every window.
        if (_months > 0 || _lengthNs >= NanosPerWeek)
        {
            return (cutArray, inWindow, 1, [0, 1]);
        }

        // With elapsed shifts the zone keeps one offset from the start on (validated), so local time is the instant plus it.
        var localStart = _wallClock ? _localStart : Start + Offset(Start);
        var phase = FloorMod(Nanos(localStart - WeekOrigin), NanosPerWeek);
        var cycle = (int)(NanosPerWeek / Gcd(_lengthNs, NanosPerWeek));
        var activeBefore = new int[cycle + 1];
        for (var j = 0; j < cycle; j++)
        {
            var from = (long)((phase + ((Int128)j * _lengthNs)) % NanosPerWeek);
            var active = Touches(intervals, from, from + _lengthNs);
            activeBefore[j + 1] = activeBefore[j] + (active ? 1 : 0);
        }

        return (cutArray, inWindow, cycle, activeBefore);
    }

    /// <summary>The runs of empty shifts: shift k is empty when its nominal start and end both fall in one gap
    /// (start at or after the gap's local start, end at or before its local end), so both resolve to the gap's end.</summary>
    private (long[] First, long[] Before, long[] ActiveBefore) EmptyShifts()
    {
        var first = new List<long>();
        var before = new List<long> { 0 };
        var activeBefore = new List<long> { 0 };
        foreach (var (localFrom, localTo) in ZoneGaps.Of(_zone))
        {
            if (localTo <= _localStart)
            {
                continue;
            }

            var lo = (long)FloorDiv(Nanos(localFrom - _localStart) + _lengthNs - 1, _lengthNs);
            lo = Math.Max(lo, 0);
            var hi = (long)FloorDiv(Nanos(localTo - _localStart), _lengthNs) - 1;
            if (hi < lo)
            {
                continue;
            }

            var active = 0L;
            for (var k = lo; k <= hi; k++)
            {
                active += IsActive(k) ? 1 : 0;
            }

            first.Add(lo);
            before.Add(before[^1] + (hi - lo + 1));
            activeBefore.Add(activeBefore[^1] + active);
        }

        return ([.. first], [.. before], [.. activeBefore]);
    }

    /// <summary>The instant of the first handoff.</summary>
    public Instant Start { get; }

    /// <summary>Whether the rotation has active windows.</summary>
    public bool HasWindows => _cuts is not null;

    /// <summary>The instant shift <paramref name="k"/> starts: an empty shift starts (and ends) where the next one starts.</summary>
    public Instant Boundary(long k) =>
        !_wallClock ? Start + Lengths(k)
        : _months == 0 ? FirstAtOrAfter(_zone, _localStart + Lengths(k))
        : FirstAtOrAfter(_zone, Nominal(k).InUtc().ToInstant());

    /// <summary>The nominal local start of shift <paramref name="k"/> of a monthly rotation.</summary>
    private LocalDateTime Nominal(long k)
    {
        var monthIndex = ((long)_startLocal.Year * 12) + _startLocal.Month - 1 + (k * _months);
        var year = (int)(monthIndex / 12);
        var month = (int)(monthIndex % 12) + 1;
        var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(year, month);
        int day;
        if (!_weekdayOfMonth)
        {
            day = Math.Min(_startLocal.Day, daysInMonth);
        }
        else
        {
            var firstWeekday = (int)new LocalDate(year, month, 1).DayOfWeek;
            var firstDay = 1 + ((((int)_startLocal.DayOfWeek - firstWeekday) % 7) + 7) % 7;
            day = firstDay + (7 * (_occurrence - 1));
            while (day > daysInMonth)
            {
                day -= 7;
            }
        }

        return new LocalDate(year, month, day) + _startLocal.TimeOfDay;
    }

    /// <summary>The first instant at which the wall clock in <paramref name="zone"/> shows <paramref name="local"/>
    /// (local as UTC) or a later local time: a local time a change skips resolves to the end of the gap, a repeated
    /// one to its first occurrence.</summary>
    public static Instant FirstAtOrAfter(DateTimeZone zone, Instant local)
    {
        var t = LenientResolver.Resolve(zone, local);
        return t + Duration.FromSeconds(zone.GetUtcOffset(t).Seconds) == local ? t : zone.GetZoneInterval(t).Start;
    }

    /// <summary>The latest local time the wall clock has shown up to <paramref name="t"/>: its local time, or just
    /// after a change that set the clock back, the local time just before the change.</summary>
    private Instant LatestLocal(Instant t)
    {
        var interval = _zone.GetZoneInterval(t);
        var local = t + Duration.FromSeconds(interval.WallOffset.Seconds);
        if (interval.HasStart && t - interval.Start < MaxOffsetChange)
        {
            var before = _zone.GetZoneInterval(interval.Start - Duration.Epsilon);
            var beforeEnd = interval.Start + Duration.FromSeconds(before.WallOffset.Seconds) - Duration.Epsilon;
            if (beforeEnd > local)
            {
                return beforeEnd;
            }
        }

        return local;
    }

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

        // Shift k has started by t exactly when its nominal local start is at most the latest local time by t; the
        // steps below only guard against zones whose offset changes twice within a day.
        var latest = LatestLocal(t);
        long k;
        if (_months == 0)
        {
            k = (long)FloorDiv(Nanos(latest - _localStart), _lengthNs);
        }
        else
        {
            var local = latest.InUtc().LocalDateTime;
            k = Math.Max(0, ((((long)local.Year * 12) + local.Month) - (((long)_startLocal.Year * 12) + _startLocal.Month)) / _months);
        }

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

    /// <summary>Whether shift <paramref name="k"/> (≥ 0) is empty: swallowed by a daylight-saving gap.</summary>
    public bool IsEmpty(long k)
    {
        var run = Run(k);
        return run >= 0 && k - _emptyFirst[run] < _emptyBefore[run + 1] - _emptyBefore[run];
    }

    /// <summary>The number of active, non-empty shifts before shift <paramref name="k"/> (≥ 0, not empty): the turn
    /// number of shift k.</summary>
    public long Turn(long k)
    {
        var active = (k / _cycle * _activePerCycle) + _activeBefore[(int)(k % _cycle)];
        var run = Run(k);
        return run < 0 ? active : active - _emptyActiveBefore[run + 1];
    }

    /// <summary>The last run of empty shifts that starts at or before <paramref name="k"/>, or -1.</summary>
    private int Run(long k)
    {
        if (_emptyFirst.Length == 0 || k < _emptyFirst[0])
        {
            return -1;
        }

        var i = Array.BinarySearch(_emptyFirst, k);
        return i >= 0 ? i : ~i - 1;
    }

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
            return MemberOfTurn(Turn(k));
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
            if (start >= from && IsActive(k) && !IsEmpty(k))
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
