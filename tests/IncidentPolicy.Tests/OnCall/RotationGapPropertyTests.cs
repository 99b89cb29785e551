using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.OnCall;
using NodaTime;

namespace IncidentPolicy.Tests.OnCall;

/// <summary>
/// Rotations around real offset changes (daylight saving, including 30-minute DST, and changes of standard offset)
/// against a brute-force oracle that walks the instants minute by minute, reads the wall clock with NodaTime and
/// counts handoffs the way the rule says: a handoff happens when the latest local time shown so far first reaches
/// its nominal local time, handoffs reached together are one, and each handoff gives the next member a turn.
/// </summary>
public class RotationGapPropertyTests
{
    private static readonly Instant From = Instant.FromUtc(1995, 1, 1, 0, 0);
    private static readonly Instant To = Instant.FromUtc(2035, 1, 1, 0, 0);
    private static readonly string[] People = ["p0", "p1", "p2", "p3"];

    /// <summary>Every change of offset, in every tzdb zone, between 1995 and 2035, at a whole minute between whole-minute offsets.</summary>
    private static readonly (string Zone, Instant At)[] Changes = DateTimeZoneProviders.Tzdb.Ids
        .SelectMany(id =>
        {
            var zone = DateTimeZoneProviders.Tzdb[id];
            return zone.GetZoneIntervals(From, To).Zip(zone.GetZoneIntervals(From, To).Skip(1))
                .Where(p => p.First.WallOffset != p.Second.WallOffset
                    && p.First.WallOffset.Seconds % 60 == 0 && p.Second.WallOffset.Seconds % 60 == 0
                    && p.Second.Start.ToUnixTimeSeconds() % 60 == 0)
                .Select(p => (id, p.Second.Start));
        })
        .ToArray();

    private static readonly Instant[] LordHoweChanges = Changes.Where(c => c.Zone == "Australia/Lord_Howe").Select(c => c.At).ToArray();

    public sealed record Case(string Zone, Instant Change, int StartMinutesBefore, int LengthMinutes, bool WallClock, int Members)
    {
        public override string ToString() =>
            $"{Zone} change {Change}, start {StartMinutesBefore} min before, {(WallClock ? "wall clock" : "elapsed")} PT{LengthMinutes}M, {Members} members";
    }

    private static readonly Gen<int> Lengths = Gen.OneOf(
        Gen.Choose(1, 90),
        Gen.Elements(15, 20, 30, 45, 60, 120, 180, 240, 360, 480, 720, 1440),
        Gen.Choose(91, 2 * 1440));

    private static readonly Gen<Case> Cases =
        from change in Gen.Frequency((9, Gen.Elements(Changes)), (1, Gen.Elements(LordHoweChanges).Select(c => ("Australia/Lord_Howe", c))))
        from before in Gen.Choose(0, 2 * 1440)
        from length in Lengths
        from wallClock in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from members in Gen.Choose(1, People.Length)
        select new Case(change.Item1, change.Item2, before, length, wallClock, members);

    [Property(MaxTest = 1000)]
    public Property OnCallAt_AgreesWithMinuteByMinuteOracle() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var zone = DateTimeZoneProviders.Tzdb[c.Zone];
            var members = People.Take(c.Members).ToArray();

            // The start: a local time some minutes before the change's local time, read by the offset before the change.
            var changeLocal = c.Change.Minus(Duration.Epsilon).InZone(zone).LocalDateTime.PlusNanoseconds(1);
            var start = changeLocal.PlusMinutes(-c.StartMinutesBefore);
            var length = c.WallClock ? ShiftLength.WallClock(Period.FromMinutes(c.LengthMinutes)) : ShiftLength.Elapsed(Duration.FromMinutes(c.LengthMinutes));
            var schedule = new Schedule("s", "S", null, zone, [new ScheduleLayer("main", new Rotation(members, start, length))]);

            var walkFrom = c.Change - Duration.FromMinutes(c.StartMinutesBefore + 1500);
            var walkTo = c.Change + Duration.FromHours(30);
            var expected = Oracle(zone, start, c.LengthMinutes, c.WallClock, members, walkFrom, walkTo);
            var t = walkFrom;
            foreach (var person in expected)
            {
                var actual = schedule.OnCallAt(t)?.PersonId;
                if (actual != person)
                {
                    return false.Label($"at {t} ({t.InZone(zone)}): expected {person ?? "nobody"}, got {actual ?? "nobody"}");
                }

                t += Duration.FromMinutes(1);
            }

            return true.ToProperty();
        });

    /// <summary>Who is on call at each minute from <paramref name="walkFrom"/> (exclusive of <paramref name="walkTo"/>).</summary>
    private static List<string?> Oracle(DateTimeZone zone, LocalDateTime start, int lengthMinutes, bool wallClock, string[] members, Instant walkFrom, Instant walkTo)
    {
        var result = new List<string?>();
        var latest = walkFrom.InZone(zone).LocalDateTime;
        long reached = -1;
        long turn = -1;
        Instant? startInstant = null;
        for (var t = walkFrom; t < walkTo; t += Duration.FromMinutes(1))
        {
            var local = t.InZone(zone).LocalDateTime;
            latest = local > latest ? local : latest;
            if (wallClock)
            {
                // The number of the last nominal handoff the clock has reached: a jump over several is one handoff.
                var n = latest < start ? -1 : Period.Between(start, latest, PeriodUnits.Minutes).Minutes / lengthMinutes;
                if (n > reached)
                {
                    reached = n;
                    turn++;
                }
            }
            else
            {
                startInstant ??= latest >= start ? t : null;
                turn = startInstant is { } s ? (long)((t - s).TotalMinutes / lengthMinutes) : -1;
            }

            result.Add(turn < 0 ? null : members[turn % members.Length]);
        }

        return result;
    }
}
