using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.PostMortems;
using NodaTime;

namespace IncidentPolicy.Tests.PostMortems;

/// <summary>
/// Post-mortems with dates at and past the ends of <see cref="Limits"/> and Markdown written to be slow (issue 13,
/// classes 3 and 4): parsing answers by its documented contract instead of throwing, reports and renderings answer
/// "no deadline" instead of overflowing, and the cost of parsing grows linearly.
/// </summary>
public sealed class PostMortemHostileInputTests
{
    private static string WithDue(string titleDate, string due) =>
        $"## Post-Mortem: Checkout Outage - {titleDate}\n\n### Action Items\n| # | Action | Owner | Due Date |\n|---|--------|-------|----------|\n| 1 | Fix it | Sam | {due} |\n";

    private static LocalDate DueOf(string titleDate, string due) =>
        Assert.Single(PostMortemMarkdown.Parse(WithDue(titleDate, due)).ActionItems!.Value).Due;

    [Theory]
    [InlineData("May 29, 2026", "Feb 30, 2026")]
    [InlineData("May 29, 2026", "Feb 30")]
    [InlineData("May 29, 2026", "Dec 31, 9999")]
    [InlineData("May 29, 2026", "Jan 1, 0000")]
    [InlineData("May 29, 2026", "Dec 31, 1899")]
    [InlineData("May 29, 2026", "Jan 1, 2201")]
    [InlineData("May 29, 2026", "soon")]
    [InlineData("Dec 31, 9999", "Jun 5")]
    [InlineData("Dec 31, 9999", "Dec 31")]
    [InlineData("Jan 1, 0000", "Jun 5")]
    [InlineData("Dec 31, 2200", "Jan 1")]
    [InlineData("Jan 1, 2197", "Feb 29")]
    public void Parse_DueDateItCannotRead_IsDefault(string titleDate, string due) =>
        Assert.Equal(default, DueOf(titleDate, due));

    [Theory]
    [InlineData("May 29, 2026", "Jun 5", 2026, 6, 5)]
    [InlineData("May 29, 2026", "Jan 2", 2027, 1, 2)]
    [InlineData("May 29, 2026", "Feb 29", 2028, 2, 29)]
    [InlineData("Jan 1, 2196", "Feb 29", 2196, 2, 29)]
    [InlineData("Dec 1, 2200", "Dec 31", 2200, 12, 31)]
    [InlineData("May 29, 2026", "Dec 31, 2200", 2200, 12, 31)]
    [InlineData("May 29, 2026", "Jan 1, 1900", 1900, 1, 1)]
    public void Parse_DueDateWithinTheSupportedDates_IsRead(string titleDate, string due, int year, int month, int day) =>
        Assert.Equal(new LocalDate(year, month, day), DueOf(titleDate, due));

    [Fact]
    public void Parse_TitleDatedDecember9999_KeepsTheTitleAndDoesNotThrow()
    {
        // Issue 13: `postmortem --authored` crashed on a post-mortem whose title is dated Dec 31, 9999.
        var sections = PostMortemMarkdown.Parse(WithDue("Dec 31, 9999", "Jun 5"));

        Assert.Equal("Checkout Outage", sections.Title);
        Assert.Equal(default, Assert.Single(sections.ActionItems!.Value).Due);
    }

    private static readonly string[] Fragments =
    [
        "## Post-Mortem: ", "### Action Items\n", "### Contributing Factors\n", "### Lessons Learned\n", "### Root Cause\n",
        "**Incident Commander**: ", "| 1 | a | b | ", "|---|---|---|---|\n", " |\n", "\n", "\r\n", "- ", "1. ", " - ",
        "Dec 31, 9999", "Jan 1, 0000", "Feb 29", "Feb 30", "Jun 5", "May 29, 2026", "Dec 31, 2200", "Jan 1, -0001", "\\|", "|",
        "wrapped", " ", "\ud800", "😀",
    ];

    [Property(MaxTest = 500)]
    public Property Parse_AnyText_NeverThrows_AndReadsOnlySupportedDueDates() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Elements(Fragments)).Select(string.Concat).ToArbitrary(), markdown =>
        {
            var sections = PostMortemMarkdown.Parse(markdown);
            return (sections.ActionItems ?? []).All(i => i.Due == default || Limits.Contains(i.Due));
        });

    /// <summary>Contributing factors whose one item is wrapped over <paramref name="lines"/> lines.</summary>
    private static string WrappedFactor(int lines) =>
        "### Contributing Factors\n1. The factor starts here\n" + string.Concat(Enumerable.Repeat("and goes on over one more wrapped line of about sixty characters\n", lines));

    private static long AllocatedByParse(string markdown)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        _ = PostMortemMarkdown.Parse(markdown);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Parse_ManyWrappedLines_WorkGrowsLinearly()
    {
        // Issue 13: "Markdown parsing joins wrapped lines quadratically (a 582 KB post-mortem: 21 s)". Allocation is
        // the work counter: joining by concatenation allocates the item again at every line.
        var small = WrappedFactor(1_000);
        var large = WrappedFactor(10_000);
        AllocatedByParse(small);

        var atN = AllocatedByParse(small);
        var atTenN = AllocatedByParse(large);

        Assert.True(atTenN <= 12 * atN, $"parsing 10× the lines allocated {atTenN:N0} bytes, {(double)atTenN / atN:F1}× the {atN:N0} at 1×");
        var factor = Assert.Single(PostMortemMarkdown.Parse(large).ContributingFactors);
        Assert.Equal("The factor starts here".Length + (10_000 * (" and goes on over one more wrapped line of about sixty characters".Length)), factor.Length);
    }

    private static PostMortem AtTheEndOfTime(LocalDate due)
    {
        var alert = Instant.FromUtc(9999, 12, 31, 22, 0);
        IncidentEvent[] events =
        [
            new AlertFired(alert, "monitoring", "checkout down", null, "SEV-1"),
            new Acknowledged(alert + Duration.FromMinutes(1), "casey"),
            new Declared(alert + Duration.FromMinutes(2), "casey", "SEV-1", "Checkout outage"),
            new Resolved(alert + Duration.FromMinutes(40), "casey", "rolled back"),
        ];
        var incident = Incident.ReplayLenient(ResponsePolicy.Default, "INC-9999", events).Incident;
        return PostMortem.From(incident).WithActionItems([new ActionItem("AI-1", "Fix it", "Sam", due, ActionItemStatus.Open, null, null)]);
    }

    [Fact]
    public void Report_ItemDueAtTheEndOfTheSupportedDates_IsDueAtTheEndOfThatDay()
    {
        var item = new ActionItem("AI-1", "Fix it", "Sam", Limits.MaxDate, ActionItemStatus.Open, null, null);
        var postMortem = PostMortemTests.SeedPostMortem().WithActionItems([item]);

        var report = ActionItemReport.At([postMortem], Limits.MaxInstant);

        var tracked = Assert.Single(report.Items);
        Assert.Equal(Instant.FromUtc(2201, 1, 1, 0, 0), tracked.DueAt);
        Assert.False(tracked.IsOverdue);
        Assert.NotEqual(ActionItemReport.NoneKey, Assert.Single(report.ByDueWeek).Key);
    }

    [Fact]
    public void Report_ItemDueInYear9999_HasNoDeadlineRatherThanOverflowing()
    {
        var postMortem = AtTheEndOfTime(new LocalDate(9999, 12, 31));

        var report = ActionItemReport.At([postMortem], Instant.MaxValue);

        var tracked = Assert.Single(report.Items);
        Assert.Null(tracked.DueAt);
        Assert.False(tracked.IsOverdue);
        Assert.StartsWith("9999-W", Assert.Single(report.ByDueWeek).Key, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderAndCheck_IncidentInYear9999_AnswerWithoutThrowing()
    {
        // A leniently read log may hold instants the library would now refuse; rendering and checking it must not throw.
        var postMortem = AtTheEndOfTime(new LocalDate(9999, 12, 31));

        var markdown = postMortem.ToMarkdown();
        var findings = postMortem.Check(Instant.MaxValue);

        Assert.Contains("## Post-Mortem: Checkout Outage - Dec 31, 9999", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | Fix it | Sam | Dec 31 |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.Code is PostMortemFindingCode.NotScheduled or PostMortemFindingCode.ScheduledLate);
        var reread = postMortem.WithSections(PostMortemMarkdown.Parse(markdown));
        Assert.Equal(default, Assert.Single(reread.ActionItems).Due);
    }
}
