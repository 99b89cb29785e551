using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.OnCall;
using IncidentPolicy.Testing;
using NodaTime;

namespace IncidentPolicy.Tests.OnCall;

public class SchedulePropertyTests
{
    private static readonly Arbitrary<(Schedule, (Instant, Instant))> SchedulesAndWindows =
        Gen.Zip(IncidentGen.Schedules, IncidentGen.ScheduleQueryWindows).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property Shifts_AndGaps_TileTheWindowWithoutOverlap() =>
        Prop.ForAll(SchedulesAndWindows, input =>
        {
            var (schedule, (from, to)) = input;
            var pieces = schedule.Shifts(from, to).Select(s => (s.Start, s.End, (object)s.Assignment))
                .Concat(schedule.Gaps(from, to).Select(g => (g.Start, g.End, (object)g)))
                .OrderBy(p => p.Start)
                .ToList();
            var at = from;
            foreach (var (start, end, _) in pieces)
            {
                if (start != at || end <= start)
                {
                    return false;
                }

                at = end;
            }

            // Merged: no two adjacent shifts with the same assignment.
            var shifts = schedule.Shifts(from, to);
            var merged = shifts.Zip(shifts.Skip(1)).All(p => p.First.End != p.Second.Start || p.First.Assignment != p.Second.Assignment);
            return at == to && merged;
        });

    [Property(MaxTest = 200)]
    public Property OnCallAt_AgreesWithShifts() =>
        Prop.ForAll(SchedulesAndWindows, Gen.Choose(0, 1_000_000).ToArbitrary(), (input, fraction) =>
        {
            var (schedule, (from, to)) = input;
            var shifts = schedule.Shifts(from, to);
            var gaps = schedule.Gaps(from, to);
            OnCallAssignment? Expected(Instant t) => shifts.FirstOrDefault(s => s.Start <= t && t < s.End)?.Assignment;

            var probes = shifts.SelectMany(s => new[] { s.Start, s.End - Duration.Epsilon })
                .Concat(gaps.SelectMany(g => new[] { g.Start, g.End - Duration.Epsilon }))
                .Append(from + ((to - from) * (fraction / 1_000_000.0)))
                .Where(t => from <= t && t < to);
            return probes.All(t => Equals(schedule.OnCallAt(t), Expected(t)))
                && gaps.All(g => schedule.OnCallAt(g.Start) is null);
        });

    [Property(MaxTest = 200)]
    public Property Handoffs_AreWherePersonChanges() =>
        Prop.ForAll(SchedulesAndWindows, input =>
        {
            var (schedule, (from, to)) = input;
            return schedule.Handoffs(from, to).All(h =>
                h.From?.PersonId != h.To?.PersonId
                && Equals(schedule.OnCallAt(h.At), h.To)
                && Equals(schedule.OnCallAt(h.At - Duration.Epsilon), h.From));
        });

    [Property(MaxTest = 200)]
    public Property RosterChanges_LeaveEveryEarlierAnswerUnchanged() =>
        Prop.ForAll(IncidentGen.Schedules.ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), (schedule, fraction) =>
        {
            var changes = schedule.Layers.SelectMany((l, i) => l.RosterChanges.Select((_, c) => schedule.Engine(i, c + 1).Start)).ToList();
            var original = new Schedule(
                schedule.Id, schedule.Name, schedule.Role, schedule.TimeZone,
                schedule.Layers.Select(l => new ScheduleLayer(l.Id, l.Rotation)), schedule.Overrides, schedule.Unavailability, schedule.WhenUnavailable);
            var from = Instant.FromUtc(2025, 1, 1, 0, 0);
            var firstChange = changes.Count == 0 ? Instant.FromUtc(2027, 1, 1, 0, 0) : changes.Min();
            var t = from + ((firstChange - from) * (fraction / 1_000_000.0));
            var probes = new[] { t, firstChange - Duration.Epsilon }.Where(p => p >= from && p < firstChange);
            return probes.All(p => Equals(schedule.OnCallAt(p), original.OnCallAt(p)));
        });

    [Property(MaxTest = 300)]
    public Property ShiftIndex_BracketsTheInstant() =>
        Prop.ForAll(IncidentGen.WindowedRotations.ToArbitrary(), Gen.Choose(0, 20 * 365 * 24).ToArbitrary(), (input, hours) =>
        {
            var engine = new RotationEngine(input.Rotation, input.Zone);
            var t = engine.Start + Duration.FromHours(hours) + Duration.FromMinutes(hours % 61);
            var k = engine.ShiftIndex(t);
            return engine.Boundary(k) <= t && t < engine.Boundary(k + 1);
        });

    [Property(MaxTest = 300)]
    public Property Turns_OverWholeCycles_EveryMemberEqually() =>
        Prop.ForAll(IncidentGen.WindowedRotations.ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (input, cycles) =>
        {
            var (rotation, zone) = input;
            var engine = new RotationEngine(rotation, zone);
            var n = rotation.Members.Count;

            // Any run of whole cycles, wherever it starts: skip a few turns first.
            var turns = engine.ActiveShifts(engine.Start, Instant.FromUtc(2100, 1, 1, 0, 0)).Skip(cycles).Take(cycles * n).ToList();
            var counts = Enumerable.Range(0, n).Select(m => turns.Count(t => t.Member == m)).ToList();
            var consecutive = turns.Zip(turns.Skip(1)).All(p => p.Second.Turn == p.First.Turn + 1);
            return turns.Count == cycles * n && counts.All(c => c == cycles) && consecutive;
        });

    [Property(MaxTest = 200)]
    public Property IsActive_MatchesWindowsOnTheWallClock() =>
        Prop.ForAll(IncidentGen.WindowedRotations.ToArbitrary(), input =>
        {
            var (rotation, zone) = input;
            var engine = new RotationEngine(rotation, zone);

            // Independent oracle: does the shift's local interval overlap a local window occurrence?
            var minutes = (long)rotation.ShiftLength.Length.TotalMinutes;
            var start = rotation.ShiftLength.Clock == ShiftClock.WallClock
                ? rotation.Start
                : engine.Start.InZone(zone).LocalDateTime;
            for (var k = 0; k < 150; k++)
            {
                var shiftStart = start.PlusMinutes(minutes * k);
                var shiftEnd = shiftStart.PlusMinutes(minutes);
                var active = false;
                for (var date = shiftStart.Date.PlusDays(-1); date <= shiftEnd.Date && !active; date = date.PlusDays(1))
                {
                    foreach (var window in rotation.ActiveWindows.Where(w => w.Days.Contains(date.DayOfWeek)))
                    {
                        var from = date + window.From;
                        var to = from.PlusMinutes((long)window.Length.TotalMinutes);
                        active |= from < shiftEnd && shiftStart < to;
                    }
                }

                if (active != engine.IsActive(k))
                {
                    return false;
                }
            }

            return true;
        });
}
