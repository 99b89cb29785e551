using System.Text.Json.Nodes;
using IncidentPolicy.OnCall;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Tests.OnCall;

public class RosterChangeTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly ShiftLength Weekly = ShiftLength.WallClock(Period.FromWeeks(1));

    private static Instant Utc(int month, int day, int hour) => Instant.FromUtc(2026, month, day, hour, 0);

    private static Schedule WithLayer(ScheduleLayer layer) => new("s", "S", null, Berlin, [layer]);

    private static readonly Rotation Original = new(["alex", "blake", "casey"], new LocalDateTime(2026, 1, 5, 9, 0), Weekly);
    private static readonly Rotation NewRoster = new(["devon", "alex", "blake", "casey"], new LocalDateTime(2026, 6, 1, 9, 0), Weekly);

    [Fact]
    public void RosterChange_PastUnchanged_NewRosterFromItsStart()
    {
        var before = WithLayer(new ScheduleLayer("weekly", Original));
        var after = WithLayer(new ScheduleLayer("weekly", Original).WithRosterChange(NewRoster));
        var change = Utc(6, 1, 7); // 09:00 CEST
        for (var t = Utc(1, 5, 8); t < change; t += Duration.FromHours(13))
        {
            Assert.Equal(before.OnCallAt(t), after.OnCallAt(t));
        }

        Assert.Equal("devon", after.OnCallAt(change)!.PersonId);
        Assert.Equal("alex", after.OnCallAt(change + Duration.FromDays(7))!.PersonId);
        Assert.Equal("casey", after.OnCallAt(change + Duration.FromDays(21))!.PersonId);
        Assert.Equal("devon", after.OnCallAt(change + Duration.FromDays(28))!.PersonId);
        Assert.NotEqual(before.OnCallAt(change)!.PersonId, after.OnCallAt(change)!.PersonId);
    }

    [Fact]
    public void RosterChange_ShiftsAndHandoffsEndTheOldRosterAtTheChange()
    {
        var schedule = WithLayer(new ScheduleLayer("weekly", Original, [NewRoster]));
        var change = Utc(6, 1, 7);

        // 2026-05-25 is casey's week in the old roster (20 weeks after 01-05); it ends at the change.
        Assert.Equal(
            [(Utc(5, 25, 7), change, "casey"), (change, change + Duration.FromDays(7), "devon")],
            schedule.Shifts(Utc(5, 25, 7), change + Duration.FromDays(7)).Select(s => (s.Start, s.End, s.PersonId)));
        Assert.Equal(change, Assert.Single(schedule.Handoffs(change, change + Duration.FromDays(1))).At);
    }

    [Fact]
    public void RosterChange_NotAfterThePreviousRoster_ReportedWithPath()
    {
        var early = new Rotation(["devon"], new LocalDateTime(2026, 1, 5, 9, 0), Weekly);
        var problem = Assert.Single(Assert.Throws<PolicyValidationException>(
            () => WithLayer(new ScheduleLayer("weekly", Original, [NewRoster, early]))).Problems);
        Assert.Equal("layers[0].rosterChanges[1].start", problem.Path);
        Assert.Equal(
            "a roster change takes over at its start, 2026-01-05T08:00:00Z, which must be after the start of the roster before it (2026-06-01T07:00:00Z); list roster changes in time order",
            problem.Reason);
    }

    [Fact]
    public void RosterChange_PolicyFile_RoundTripsAndChecksPeople()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();
        Assert.Null(tree["schedules"]![0]!["layers"]![0]!["rosterChanges"]);
        var layer = tree["schedules"]![0]!["layers"]![0]!;
        var change = layer["rotation"]!.DeepClone();
        change["start"] = "2026-09-07T09:00";
        change["members"] = new JsonArray("finley", "alex");
        layer["rosterChanges"] = new JsonArray(change);
        var policy = PolicyJson.Parse(tree.ToJsonString());
        var read = Assert.Single(policy.Schedules[0].Layers[0].RosterChanges);
        Assert.Equal(["finley", "alex"], read.Members);
        Assert.Equal(PolicyJson.Serialize(policy), PolicyJson.Serialize(PolicyJson.Parse(PolicyJson.Serialize(policy))));
        Assert.Equal(policy.Schedules[0].Layers[0], PolicyJson.Parse(PolicyJson.Serialize(policy)).Schedules[0].Layers[0]);

        change["members"] = new JsonArray("nobody");
        var problem = Assert.Single(Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(tree.ToJsonString())).Problems);
        Assert.Equal("$.schedules[0].layers[0].rosterChanges[0].members[0]", problem.Path);
    }

    [Fact]
    public void MonthlyAnchor_PolicyFile_RoundTripsAndIsCheckedForMonthlyLengthsOnly()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();
        var shift = tree["schedules"]![0]!["layers"]![0]!["rotation"]!["shift"]!;
        Assert.Null(shift["anchor"]);
        shift["length"] = "P1M";
        shift["anchor"] = "weekdayOfMonth";
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Equal(ShiftLength.Monthly(1, MonthlyAnchor.WeekdayOfMonth), policy.Schedules[0].Layers[0].Rotation.ShiftLength);
        Assert.Equal(PolicyJson.Serialize(policy), PolicyJson.Serialize(PolicyJson.Parse(PolicyJson.Serialize(policy))));

        shift["length"] = "P1W";
        var problem = Assert.Single(Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(tree.ToJsonString())).Problems);
        Assert.Equal("$.schedules[0].layers[0].rotation.shift.anchor", problem.Path);
    }

    [Fact]
    public void NextHandoffs_WhoGoesOffWhoComesOnAndWhen()
    {
        var schedule = WithLayer(new ScheduleLayer("weekly", Original));
        var handoffs = schedule.NextHandoffs(Utc(1, 7, 0), 2);
        Assert.Equal([Utc(1, 12, 8), Utc(1, 19, 8)], handoffs.Select(h => h.At));
        Assert.Equal(("alex", "blake"), (handoffs[0].From!.PersonId, handoffs[0].To!.PersonId));

        // Strictly after: asking from a handoff's instant gives the next one.
        Assert.Equal(Utc(1, 19, 8), schedule.NextHandoffs(Utc(1, 12, 8))[0].At);

        // A one-person rotation never hands off, and the lookahead is bounded.
        var alone = WithLayer(new ScheduleLayer("weekly", new Rotation(["alex"], new LocalDateTime(2026, 1, 5, 9, 0), Weekly)));
        Assert.Empty(alone.NextHandoffs(Utc(1, 7, 0), 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.NextHandoffs(Utc(1, 7, 0), 0));
    }

    [Fact]
    public void HandoffNotices_LeadTimeBeforeEachHandoff_DueStrictlyAfter()
    {
        var schedule = WithLayer(new ScheduleLayer("weekly", Original));
        var notices = schedule.HandoffNotices(Utc(1, 7, 0), Duration.FromHours(1), 2);
        Assert.Equal([Utc(1, 12, 7), Utc(1, 19, 7)], notices.Select(n => n.NotifyAt));
        Assert.Equal("blake", notices[0].Handoff.To!.PersonId);
        Assert.Equal(
            "2026-01-12T07:00:00Z: blake is on call on s from 2026-01-12T08:00:00Z (in PT1H), taking over from alex",
            notices[0].ToString());

        // A bot that sent the first notice asks again from its instant and gets the next one.
        Assert.Equal(Utc(1, 19, 7), schedule.HandoffNotices(notices[0].NotifyAt, Duration.FromHours(1))[0].NotifyAt);

        // A handoff less than the lead away has no notice left to send.
        Assert.Equal(Utc(1, 19, 7), schedule.HandoffNotices(Utc(1, 12, 7) + Duration.FromMinutes(30), Duration.FromHours(1))[0].NotifyAt);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.HandoffNotices(Utc(1, 7, 0), Duration.FromHours(-1)));
    }
}
