using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.PostMortems;
using IncidentPolicy.Tests.Support;
using NodaTime;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.PostMortems;

public sealed class ActionItemReportTests
{
    private static Instant Utc(int month, int day, int hour = 0) => Instant.FromUtc(2026, month, day, hour, 0);

    private static PostMortem WithItems(params ActionItem[] items) => PostMortem.From(ReadyToClose()).WithActionItems(items);

    private static ActionItem Item(string id, string owner, LocalDate due, ActionItemStatus status = ActionItemStatus.Open) =>
        new(id, "do " + id, owner, due, status, null, status == ActionItemStatus.WontDo ? "superseded" : null);

    [Fact]
    public void At_SeedActionItems_OverdueAfterTheEndOfTheDueDay()
    {
        var postMortem = PostMortemTests.SeedPostMortem();

        var onJun2 = ActionItemReport.At([postMortem], Utc(6, 2, 23));
        var onJun3 = ActionItemReport.At([postMortem], Utc(6, 3));

        Assert.Empty(onJun2.Overdue);
        var overdue = Assert.Single(onJun3.Overdue);
        Assert.Equal("AI-2", overdue.Item.Id);
        Assert.Equal("INC-2026-05-29-checkout", overdue.IncidentId);
        Assert.Equal(Utc(6, 3), overdue.DueAt);
    }

    [Fact]
    public void At_SeedActionItems_GroupsByOwnerAndDueWeek()
    {
        var report = ActionItemReport.At([PostMortemTests.SeedPostMortem()], Utc(6, 6));

        Assert.Equal(
            ["Alex 2 1", "DevOps 1 1", "Platform 1 1"],
            report.ByOwner.Select(t => $"{t.Key} {t.Total} {t.Overdue}"));
        Assert.Equal(
            ["2026-W23 3", "2026-W24 1"],
            report.ByDueWeek.Select(t => $"{t.Key} {t.Total}"));
        Assert.Equal(0.0, report.All.CompletionRate);
    }

    [Fact]
    public void At_ItemsInEveryStatus_CountsAndRate()
    {
        var due = new LocalDate(2026, 6, 1);
        var report = ActionItemReport.At(
            [
                WithItems(Item("AI-1", "alex", due, ActionItemStatus.Done), Item("AI-2", "alex", due, ActionItemStatus.InProgress)),
                WithItems(Item("AI-1", "maria", due, ActionItemStatus.WontDo), Item("AI-2", " ", default)),
            ],
            Utc(7, 1));

        Assert.Equal(new ActionItemTally("all", 4, 1, 1, 2, 1), report.All);
        Assert.Equal(0.5, report.All.CompletionRate);
        Assert.Equal(["alex", "maria", ActionItemReport.NoneKey], report.ByOwner.Select(t => t.Key));
        Assert.Equal(["2026-W23", ActionItemReport.NoneKey], report.ByDueWeek.Select(t => t.Key));
        Assert.Null(report.Items[3].DueAt);
        Assert.False(report.Items[3].IsOverdue);
    }

    [Fact]
    public void At_ItemFromTheLogCompleted_IsNotOverdue()
    {
        var incident = ReadyToClose().Then(new CompleteActionItem("AI-1"), Alex, 2003);

        var report = ActionItemReport.At([PostMortem.From(incident)], Utc(12, 1));

        Assert.Empty(report.Overdue);
        Assert.Equal(1.0, report.All.CompletionRate);
        Assert.True(report.Items[0].IsClosed);
    }

    [Fact]
    public void At_PolicyZone_DueDayEndsAtLocalMidnight()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var policy = ResponsePolicy.Default.WithCalendar(new IncidentPolicy.Calendars.BusinessCalendar(
            zone, ResponsePolicy.Default.Calendar.WorkingDays, ResponsePolicy.Default.Calendar.Hours));
        var incident = Incident.Replay(policy, "INC-1", ReadyToClose().Events);

        var item = Assert.Single(ActionItemReport.At([PostMortem.From(incident)], Utc(6, 6, 4)).Items);

        // Jun 5 ends at midnight New York time (EDT, UTC-4): 04:00 UTC on Jun 6.
        Assert.Equal(Utc(6, 6, 4), item.DueAt);
        Assert.True(item.IsOverdue);
        Assert.False(Assert.Single(ActionItemReport.At([PostMortem.From(incident)], Utc(6, 6, 3)).Items).IsOverdue);
    }

    [Fact]
    public void At_NoPostMortems_EmptyWithNoRate()
    {
        var report = ActionItemReport.At([], Utc(6, 1));

        Assert.Empty(report.Items);
        Assert.Null(report.All.CompletionRate);
        Assert.Empty(report.ByOwner);
    }

    [Fact]
    public void WeekKey_IsoWeekYear_UsedAtTheYearBoundary()
    {
        // 2026-12-31 is a Thursday, so it falls in 2026-W53; 2027-01-04 is a Monday, in 2027-W01.
        var report = ActionItemReport.At(
            [WithItems(Item("AI-1", "alex", new LocalDate(2027, 1, 4)), Item("AI-2", "alex", new LocalDate(2026, 12, 31)))],
            Utc(6, 1));

        Assert.Equal(["2026-W53", "2027-W01"], report.ByDueWeek.Select(t => t.Key));
    }

    private static readonly Gen<ActionItem> Items =
        from owner in Gen.Elements("alex", "maria", "", "DevOps")
        from days in Gen.Choose(0, 60)
        from status in Gen.Elements(ActionItemStatus.Open, ActionItemStatus.InProgress, ActionItemStatus.Done, ActionItemStatus.WontDo)
        select Item("AI-1", owner, days == 0 ? default : new LocalDate(2026, 6, 1).PlusDays(days), status);

    [Property(MaxTest = 200)]
    public Property At_Groups_AddUpToTheWhole() =>
        Prop.ForAll(Items.ArrayOf().ArrayOf().ToArbitrary(), Gen.Choose(0, 90).ToArbitrary(), (sets, day) =>
        {
            var report = ActionItemReport.At(sets.Select(s => WithItems(s)), Utc(6, 1) + Duration.FromDays(day));
            static ActionItemTally Sum(IEnumerable<ActionItemTally> t) =>
                new("all", t.Sum(x => x.Total), t.Sum(x => x.Done), t.Sum(x => x.WontDo), t.Sum(x => x.Open), t.Sum(x => x.Overdue));
            return report.All == Sum(report.ByOwner)
                && report.All == Sum(report.ByDueWeek)
                && report.All.Total == sets.Sum(s => s.Length)
                && report.Overdue.Length == report.All.Overdue
                && report.Overdue.All(i => !i.IsClosed);
        });
}
