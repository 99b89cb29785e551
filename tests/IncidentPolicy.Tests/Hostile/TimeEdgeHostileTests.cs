using IncidentPolicy.Calendars;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.OnCall;
using IncidentPolicy.Severities;
using NodaTime;
using Xunit.Abstractions;

namespace IncidentPolicy.Tests.Hostile;

/// <summary>
/// Calendars, response targets, deadlines, schedules and evaluations at the edges of time, under random zones (with
/// odd offsets and DST), sparse working hours and holidays: an input inside the supported range always gets an answer
/// (never an <see cref="OverflowException"/>), one outside it an <see cref="ArgumentOutOfRangeException"/>, and every
/// answer is an instant not before the input and not after <see cref="Limits.LatestResult"/>, or never.
/// </summary>
public class TimeEdgeHostileTests(ITestOutputHelper output)
{
    private static readonly Type[] OutOfRange = [typeof(ArgumentOutOfRangeException)];

    private static BusinessCalendar Calendar(Hostile h)
    {
        var days = Enumerable.Range(1, 7).Where(_ => h.Chance(40)).Select(d => (IsoDayOfWeek)d).ToList();
        if (days.Count == 0)
        {
            days.Add((IsoDayOfWeek)(1 + h.Next(7)));
        }

        var opens = new LocalTime(h.Next(24), h.Chance(50) ? 0 : h.Next(60));
        var hours = h.Next(4) switch
        {
            0 => WorkingHours.UntilEndOfDay(opens),
            1 when opens < new LocalTime(23, 59) => WorkingHours.Between(opens, opens.PlusMinutes(1)),
            _ when opens < new LocalTime(23, 0) => WorkingHours.Between(opens, opens.PlusHours(1 + h.Next(23 - opens.Hour))),
            _ => WorkingHours.UntilEndOfDay(opens),
        };
        var holidays = new HashSet<Holiday>();
        var annual = h.Chance(20) ? 300 + h.Next(65) : h.Next(5);
        for (var i = 0; i < annual; i++)
        {
            var date = new LocalDate(2024, 1, 1).PlusDays(h.Next(366));
            holidays.Add(Holiday.Every(new AnnualDate(date.Month, date.Day)));
        }

        for (var i = h.Next(4); i > 0; i--)
        {
            holidays.Add(Holiday.On(h.Chance(50) ? Limits.MaxDate.PlusDays(-h.Next(30)) : Limits.MinDate.PlusDays(h.Next(30))));
        }

        return new BusinessCalendar(h.Zone(), days, hours, holidays);
    }

    private static Duration Duration(Hostile h) =>
        h.Next(40) switch
        {
            0 => Limits.MaxDuration,
            1 or 2 => NodaTime.Duration.FromDays(h.Next(36_525)),
            < 6 => NodaTime.Duration.Zero,
            _ => NodaTime.Duration.FromMinutes(1 + h.Next(48 * 60)),
        };

    private static void InResult(Instant? result, Instant from, string @case)
    {
        if (result is { } r)
        {
            Assert.True(r >= from && r <= Limits.LatestResult, $"{@case}: {r} is before the input or after the latest result");
        }
    }

    [Fact]
    public void Calendars_AtTheEdgesOfTime_AnswerOrRefuseTheInput()
    {
        using var count = new HostileCount(output);
        for (var seed = 0; seed < 400; seed++)
        {
            var h = new Hostile(10_000 + seed);
            var calendar = Calendar(h);
            for (var i = 0; i < 12; i++)
            {
                var at = h.Chance(75) ? h.InRangeInstant() : h.EdgeInstant();
                var inRange = Limits.Contains(at);
                var allowed = inRange ? [] : OutOfRange;
                var d = Duration(h);
                var @case = $"seed {seed}: {calendar} at {at} + {d}";
                InResult(Documented.Call("AddWorkingTime", () => calendar.AddWorkingTime(at, d), @case, allowed), at, @case);
                InResult(Documented.Call("NextOpening", () => calendar.NextOpening(at), @case, allowed), at, @case);
                InResult(Documented.Call("NextBusinessDayClose", () => calendar.NextBusinessDayClose(at), @case, allowed), at, @case);
                Documented.Call("IsWorkingTime", () => calendar.IsWorkingTime(at), @case, allowed);
                var to = !inRange ? at : at < Limits.MaxInstant - NodaTime.Duration.FromDays(400) ? at + NodaTime.Duration.FromDays(400) : Limits.MaxInstant;
                Documented.Call("WorkingTimeBetween", () => calendar.WorkingTimeBetween(at, to), @case, allowed);
                var targets = d > NodaTime.Duration.Zero
                    ? new[] { ResponseTarget.WallClock(d), ResponseTarget.BusinessHours(d), ResponseTarget.NextBusinessDay }
                    : [ResponseTarget.NextBusinessDay];
                foreach (var target in targets)
                {
                    InResult(Documented.Call("DueAfter", () => target.DueAfter(at, calendar), @case, allowed), at, @case);
                }

                count.Add(8);
            }
        }
    }

    [Fact]
    public void PoliciesOnSparseCalendars_RaiseAndEvaluateAtTheEdges()
    {
        using var count = new HostileCount(output);
        for (var seed = 0; seed < 250; seed++)
        {
            var h = new Hostile(20_000 + seed);
            var policy = ResponsePolicy.Default.WithCalendar(Calendar(h));
            var severity = h.Pick(policy.Severities.Select(s => s.Id).ToArray());
            var at = h.Chance(60) ? h.InRangeInstant() : h.EdgeInstant();
            var @case = $"seed {seed}: {severity} at {at} on {policy.Calendar}";
            var deadlines = Documented.Call("Deadlines", () => policy.Deadlines(severity, at), @case, Limits.Contains(at) ? [] : OutOfRange);
            foreach (var deadline in deadlines ?? [])
            {
                InResult(deadline.DueAt, at, @case);
            }

            var raised = Incident.Raise(policy, "INC-1", new RaiseAlert("edge", null, severity), new Actor("monitoring"), at);
            count.Add(2);
            if (raised.Incident is not { } incident)
            {
                Assert.Equal(RuleIds.Storable, raised.Rejection!.RuleId);
                continue;
            }

            foreach (var command in new IncidentCommand[] { new Acknowledge(), new Declare("SEV-1", "edge"), new ChangeSeverity("SEV-3"), new Resolve(), new Reopen() })
            {
                var now = incident.LastEventAt + NodaTime.Duration.FromMinutes(h.Next(120));
                var result = Documented.Call("Apply", () => incident.Apply(command, new Actor("sarah", ["engineering-manager"]), now, incident.Version), @case);
                incident = result?.Incident ?? incident;
                count.Add();
            }

            foreach (var now in new[] { incident.LastEventAt, Limits.MaxInstant, h.EdgeInstant() })
            {
                var evaluation = Documented.Call("Evaluate", () => policy.Evaluate(incident, now), $"{@case}, evaluated at {now}", Limits.Contains(now) ? [] : OutOfRange);
                if (evaluation is not null)
                {
                    Assert.All(evaluation.Obligations, o => Assert.True(o.DueAt <= Limits.LatestResult));
                    Assert.True(evaluation.NextWakeUp is null || evaluation.NextWakeUp <= Limits.LatestResult);
                }

                count.Add();
            }
        }
    }

    [Fact]
    public void Schedules_AtTheEdgesOfTime_AnswerOrRefuseTheInput()
    {
        using var count = new HostileCount(output);
        for (var seed = 0; seed < 300; seed++)
        {
            var h = new Hostile(30_000 + seed);
            var zone = h.Zone();
            // Rotation starts are whole minutes of a local date within the supported range.
            var start = (h.Chance(50) ? Limits.MaxInstant - NodaTime.Duration.FromDays(1 + h.Next(400)) : Limits.MinInstant + NodaTime.Duration.FromDays(1 + h.Next(400)))
                .InZone(zone).LocalDateTime.With(TimeAdjusters.TruncateToMinute);
            var length = h.Chance(50)
                ? ShiftLength.WallClock(h.Chance(50) ? Period.FromWeeks(1) : Period.FromDays(1 + h.Next(30)))
                : ShiftLength.Elapsed(NodaTime.Duration.FromHours(1 + h.Next(24 * 30)));
            var rotation = new Rotation(["alice", "bob", "carol"], start, length, zone);
            var schedule = new Schedule("edge", "Edge", null, zone, [new ScheduleLayer("layer", rotation)]);
            for (var i = 0; i < 8; i++)
            {
                var at = h.Chance(70) ? h.InRangeInstant() : h.EdgeInstant();
                var allowed = Limits.Contains(at) ? [] : OutOfRange;
                var @case = $"seed {seed}: {rotation} at {at}";
                Documented.Call("OnCallAt", () => schedule.OnCallAt(at), @case, allowed);
                var to = Limits.Contains(at) && at < Limits.MaxInstant - NodaTime.Duration.FromDays(3) ? at + NodaTime.Duration.FromDays(3) : at;
                Documented.Call("Shifts", () => schedule.Shifts(at, to), @case, allowed);
                Documented.Call("Handoffs", () => schedule.Handoffs(at, to), @case, allowed);
                Documented.Call("Gaps", () => schedule.Gaps(at, to), @case, allowed);
                count.Add(4);
            }
        }
    }
}
