using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.PostMortems;
using IncidentPolicy.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Tests.PostMortems;

public sealed class PostMortemMarkdownTests
{
    [Fact]
    public void Parse_SeedPostMortem_ReadsTheAuthoredSections()
    {
        var sections = PostMortemMarkdown.Parse(PostMortemTests.ExpectedSeedMarkdown());

        Assert.Equal("Checkout Outage", sections.Title);
        Assert.Equal("Sarah K.", sections.Commander);
        Assert.StartsWith("A deployment at 3:45 AM introduced a type error in the Stripe webhook\nhandler.", sections.RootCause, StringComparison.Ordinal);
        Assert.EndsWith("don't\ninclude.", sections.RootCause, StringComparison.Ordinal);
        Assert.Equal(3, sections.ContributingFactors.Length);
        Assert.Equal("Alert threshold too high (5%) — should have caught it at 2%", sections.ContributingFactors[2]);
        Assert.Equal(3, sections.LessonsLearned.Length);
        var items = sections.ActionItems!.Value;
        Assert.Equal(
            ["AI-1 Alex 2026-06-05", "AI-2 Platform 2026-06-02", "AI-3 DevOps 2026-06-05", "AI-4 Alex 2026-06-10"],
            items.Select(i => $"{i.Id} {i.Owner} {i.Due:uuuu-MM-dd}"));
        Assert.Equal("Block deployments between 12-6 AM without approval", items[2].Action);
        Assert.All(items, i => Assert.Equal(ActionItemStatus.Open, i.Status));
    }

    [Fact]
    public void Parse_ThenRender_SeedRoundTrips()
    {
        var markdown = PostMortemTests.ExpectedSeedMarkdown();
        var bare = PostMortem.From(PostMortemTests.SeedIncident()).WithClock(PostMortemClock.TwelveHour).WithActionItems([]);

        var again = bare.WithSections(PostMortemMarkdown.Parse(markdown)).ToMarkdown();

        Assert.Equal(markdown, again);
    }

    [Fact]
    public void Parse_CrLfLineEndings_SameAsLf()
    {
        var markdown = PostMortemTests.ExpectedSeedMarkdown();

        var lf = PostMortemMarkdown.Parse(markdown);
        var crlf = PostMortemMarkdown.Parse(markdown.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(lf, crlf);
    }

    [Fact]
    public void Parse_DueDateEarlierInTheYearThanTheIncident_IsNextYear()
    {
        var sections = PostMortemMarkdown.Parse("""
            ## Post-Mortem: Year End - Dec 30, 2026
            ### Action Items
            | # | Action | Owner | Due Date |
            |---|--------|-------|----------|
            | 1 | Fix it | Alex | Jan 5 |
            | 2 | Fix that | Alex | Dec 31 |
            | 3 | Later | Alex | Mar 1, 2028 |
            """);

        Assert.Equal(
            [new LocalDate(2027, 1, 5), new LocalDate(2026, 12, 31), new LocalDate(2028, 3, 1)],
            sections.ActionItems!.Value.Select(i => i.Due));
    }

    [Fact]
    public void Parse_UnreadableDueDate_IsDefaultAndTheCheckReportsIt()
    {
        var sections = PostMortemMarkdown.Parse("""
            ## Post-Mortem: Checkout Outage - May 29, 2026
            ### Action Items
            | # | Action | Owner | Due Date |
            |---|--------|-------|----------|
            | 1 | Fix it | Alex | soon |
            """);
        var postMortem = PostMortem.From(PostMortemTests.SeedIncident()).WithSections(sections);

        Assert.Equal(default, sections.ActionItems!.Value[0].Due);
        Assert.Contains(postMortem.Check(Instant.FromUtc(2026, 7, 1, 0, 0)), f => f.Code == PostMortemFindingCode.ActionItemWithoutDueDate);
    }

    [Fact]
    public void Parse_NoActionItemsSection_KeepsTheLogsItems()
    {
        var sections = PostMortemMarkdown.Parse("## Post-Mortem: X - May 29, 2026\n### Root Cause\nSomething.\n");
        var postMortem = PostMortem.From(PostMortemTests.SeedIncident()).WithSections(sections);

        Assert.Null(sections.ActionItems);
        Assert.Equal(4, postMortem.ActionItems.Length);
        Assert.Equal("Something.", postMortem.RootCause);
    }

    [Fact]
    public void Parse_EmptyText_EmptySections()
    {
        var sections = PostMortemMarkdown.Parse("");

        Assert.Null(sections.Title);
        Assert.Empty(sections.RootCause);
        Assert.Empty(sections.ContributingFactors);
        Assert.Null(sections.ActionItems);
    }

    private static readonly string[] Tokens =
        ["webhook", "Stripe", "a|b", "\\", "`code`", "5%", "—", "1.", "-", "*", "#", "x.", "Jun 5", "**bold**", "  ", "ü", "AI-1", ":"];

    private static readonly Gen<string> Phrase =
        from words in Gen.Elements(Tokens).ArrayOf()
        select string.Join(' ', words);

    // Authored text that does not itself start like a heading or a field line (see PostMortemMarkdown.Parse).
    private static readonly Gen<string> Line = Phrase.Where(p => !p.TrimStart().StartsWith('#') && !p.TrimStart().StartsWith("**", StringComparison.Ordinal));

    private static readonly Gen<ActionItem> Items =
        from action in Phrase
        from owner in Gen.Elements("Alex", "", "Dev|Ops", "Platform team")
        from days in Gen.Choose(-400, 800)
        select new ActionItem("AI-1", action, owner, days == 0 ? default : new LocalDate(2026, 5, 29).PlusDays(days), ActionItemStatus.Open, null, null);

    private static readonly Gen<PostMortem> Authored =
        from title in Phrase.Where(p => p.Trim().Length > 0)
        from rootCause in Gen.Elements(Line, Gen.Constant("")).SelectMany(g => g).ArrayOf()
        from factors in Phrase.ArrayOf()
        from items in Items.ArrayOf()
        from lessons in Phrase.ArrayOf()
        select PostMortem.From(PostMortemTests.SeedIncident())
            .WithTitle(title)
            .WithRootCause(string.Join('\n', rootCause))
            .WithContributingFactors(factors)
            .WithActionItems(items)
            .WithLessonsLearned(lessons);

    [Property(MaxTest = 300)]
    public Property Render_ParseRender_IsStable() =>
        Prop.ForAll(Authored.ToArbitrary(), postMortem =>
        {
            var first = postMortem.ToMarkdown();
            var second = PostMortem.From(postMortem.Incident).WithSections(PostMortemMarkdown.Parse(first)).ToMarkdown();
            return (first == second).Label(first + "\n----\n" + second);
        });
}
