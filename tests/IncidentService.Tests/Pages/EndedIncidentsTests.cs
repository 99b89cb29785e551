using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Storage;
using IncidentService.Pages;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace IncidentService.Tests.Pages;

/// <summary>
/// The pages' recently ended incidents come from the event store's ended list, not from what a node saw: the status
/// page's "resolved in the last 7 days" and the dashboard's overdue action items are the same on a node that never
/// saw the incident open (a second host on the same store, which is also what a restarted node is), and bounded by
/// the lookback and the limit of <see cref="IncidentPagesOptions"/>.
/// </summary>
[Collection(ServiceHostCollection.Name)]
public sealed class EndedIncidentsTests
{
    private static readonly Uri Status = new("/status", UriKind.Relative);
    private static readonly Uri Dashboard = new("/", UriKind.Relative);

    [Fact]
    public async Task Status_IncidentResolvedOnAnotherNode_ShownByAHostThatNeverSawItOpen()
    {
        var store = new InMemoryIncidentEventStore();
        await using (var first = SharingStore(store))
        {
            using var firstClient = first.CreateClient();
            await first.ApplyAsResponderAsync(
                "INC-SEARCH",
                new RaiseAlert("search latency", "search"),
                new Acknowledge(),
                new PostStatusUpdate(StatusAudience.External, "Search is slow; we are on it."));
            await first.ApplyAsResponderAsync(
                "INC-SECRET",
                new RaiseAlert("card numbers in logs", "payments"),
                new RaiseFlag("restricted"),
                new PostStatusUpdate(StatusAudience.External, "restricted-external-words"));
            first.Clock.Advance(Duration.FromMinutes(30));
            await first.ApplyAsResponderAsync("INC-SEARCH", new Resolve("cache warmed"));
            await first.ApplyAsResponderAsync("INC-SECRET", new Acknowledge(), new Resolve("logs purged"));

            // The node that resolved it shows it too, although no page was read while it was open.
            Assert.Contains("Search is slow; we are on it.", await firstClient.GetStringAsync(Status), StringComparison.Ordinal);

            // A second node on the same store, alive at the same time, that never saw either incident.
            await using var second = SharingStore(store);
            second.Clock.Reset(first.Clock.GetCurrentInstant());
            using var secondClient = second.CreateClient();
            var html = await secondClient.GetStringAsync(Status);

            Assert.Contains("Resolved in the last", html, StringComparison.Ordinal);
            Assert.Contains("Search is slow; we are on it.", html, StringComparison.Ordinal);
            Assert.Contains("All systems operational", html, StringComparison.Ordinal);
            Assert.DoesNotContain("restricted-external-words", html, StringComparison.Ordinal);
            Assert.DoesNotContain("payments", html, StringComparison.Ordinal);
        }

        // A fresh host after the first stopped: a restart loses nothing either.
        await using var restarted = SharingStore(store);
        restarted.Clock.Reset(ServiceHost.Start + Duration.FromDays(7));
        using var client = restarted.CreateClient();
        Assert.Contains("Search is slow; we are on it.", await client.GetStringAsync(Status), StringComparison.Ordinal);
        restarted.Clock.Advance(Duration.FromMinutes(31));
        Assert.DoesNotContain("Search is slow", await client.GetStringAsync(Status), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_OverdueActionItemOfAnIncidentEndedOnAnotherNode_Shown()
    {
        var store = new InMemoryIncidentEventStore();
        await using (var first = SharingStore(store))
        {
            await ResolvedWithActionItemAsync(first);
        }

        await using var second = SharingStore(store);
        second.Clock.Advance(Duration.FromDays(5));
        using var client = second.CreateClient();

        var html = await DashboardAsync(client);

        Assert.Contains("Overdue post-mortem action items (1)", html, StringComparison.Ordinal);
        Assert.Contains("Alert on cache hit rate", html, StringComparison.Ordinal);
        Assert.Contains("INC-PM", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ActionItemCompletedAfterTheIncidentEnded_NoLongerOverdue()
    {
        // The page keeps an ended incident's replay until its head moves: the completion must move it.
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        await ResolvedWithActionItemAsync(app);
        app.Clock.Advance(Duration.FromDays(5));
        Assert.Contains("Overdue post-mortem action items (1)", await DashboardAsync(client), StringComparison.Ordinal);

        await app.ApplyAsResponderAsync("INC-PM", new CompleteActionItem("AI-1"));

        Assert.Contains("Overdue post-mortem action items (0)", await DashboardAsync(client), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_EndedIncidentUntouchedLongerThanTheLookback_ItsActionItemNotShown()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        await ResolvedWithActionItemAsync(app);

        var lastEventAt = Assert.Single(await app.Services.GetRequiredService<IIncidentEventStore>().ListEndedSinceAsync(Instant.MinValue, 10)).LastEventAt;

        app.Clock.Reset(lastEventAt + Duration.FromDays(90));
        var atTheLookback = await DashboardAsync(client);
        app.Clock.Advance(Duration.FromSeconds(1));
        var pastTheLookback = await DashboardAsync(client);

        Assert.Contains("Alert on cache hit rate", atTheLookback, StringComparison.Ordinal);
        Assert.Contains("Overdue post-mortem action items (0)", pastTheLookback, StringComparison.Ordinal);
        Assert.DoesNotContain("Alert on cache hit rate", pastTheLookback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ActionItemLookbackSetShorter_FollowsTheSetting()
    {
        await using var app = new ServiceHost
        {
            TestServices = services => services.Configure<IncidentPagesOptions>(o => o.ActionItemLookback = Duration.FromDays(10)),
        };
        using var client = app.CreateClient();
        await ResolvedWithActionItemAsync(app);

        app.Clock.Advance(Duration.FromDays(5));
        var inside = await DashboardAsync(client);
        app.Clock.Advance(Duration.FromDays(6));
        var outside = await DashboardAsync(client);

        Assert.Contains("Overdue post-mortem action items (1)", inside, StringComparison.Ordinal);
        Assert.Contains("Overdue post-mortem action items (0)", outside, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_MoreEndedThanTheLimit_ReadTheMostRecentAndSaySo()
    {
        await using var app = new ServiceHost
        {
            TestServices = services => services.Configure<IncidentPagesOptions>(o => o.MaxEndedIncidents = 2),
        };
        using var client = app.CreateClient();
        foreach (var service in new[] { "alpha", "bravo", "charlie" })
        {
            await app.ApplyAsResponderAsync(
                "INC-" + service,
                new RaiseAlert(service + " down", service),
                new Acknowledge(),
                new PostStatusUpdate(StatusAudience.External, "update-of-" + service),
                new Resolve("fixed"));
            app.Clock.Advance(Duration.FromMinutes(1));
        }

        var status = await client.GetStringAsync(Status);
        var dashboard = await DashboardAsync(client);

        Assert.DoesNotContain("update-of-alpha", status, StringComparison.Ordinal);
        Assert.Contains("update-of-bravo", status, StringComparison.Ordinal);
        Assert.Contains("update-of-charlie", status, StringComparison.Ordinal);
        Assert.Contains("id=\"more-ended\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("Only the 2 incidents that ended most recently were read", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_FewerEndedThanTheLimit_SayNothingOfMore()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        await app.ApplyAsResponderAsync("INC-1", new RaiseAlert("search latency", "search"), new Acknowledge(), new Resolve("fixed"));

        Assert.DoesNotContain("more-ended", await DashboardAsync(client), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ResolvedIncidentReopened_ShownOpenNotResolved()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        await app.ApplyAsResponderAsync(
            "INC-1",
            new RaiseAlert("search latency", "search"),
            new Acknowledge(),
            new PostStatusUpdate(StatusAudience.External, "Search is slow."),
            new Resolve("fixed"));
        Assert.Contains("Resolved in the last", await client.GetStringAsync(Status), StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromMinutes(5));
        await app.ApplyAsResponderAsync("INC-1", new Reopen("slow again"));
        var html = await client.GetStringAsync(Status);

        Assert.DoesNotContain("Resolved in the last", html, StringComparison.Ordinal);
        Assert.Contains("Incident in progress", html, StringComparison.Ordinal);
        Assert.Contains("Search is slow.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_EndedIncidentWhoseLogCannotBeReplayed_ListedAsUnreadableAndPagesRender()
    {
        // Its alert names a policy the store does not hold, so it cannot be replayed under its own policy.
        var store = new InMemoryIncidentEventStore();
        var at = ServiceHost.Start - Duration.FromHours(1);
        Assert.True(await store.AppendAsync("INC-BROKEN", 0, new AlertFired(at, "monitoring", "disk full", "storage", null, "sha256:missing"),
            new IncidentHead("INC-BROKEN", 1, IncidentStatus.Resolved, null, "storage", "disk full", null, at, at, "sha256:missing", null)));
        await using var app = SharingStore(store);
        using var client = app.CreateClient();

        using var status = await client.GetAsync(Status);
        var dashboard = await DashboardAsync(client);

        Assert.Equal(System.Net.HttpStatusCode.OK, status.StatusCode);
        Assert.DoesNotContain("disk full", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<strong>INC-BROKEN</strong> could not be read", dashboard, StringComparison.Ordinal);
        Assert.Contains("sha256:missing", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public void EndedLookback_LongerOfWindowAndLookback_NeverNegative()
    {
        Assert.Equal(Duration.FromDays(90), IncidentReader.EndedLookback(new IncidentPagesOptions()));
        Assert.Equal(Duration.FromDays(30), IncidentReader.EndedLookback(new IncidentPagesOptions { ResolvedWindow = Duration.FromDays(30), ActionItemLookback = Duration.FromDays(1) }));
        Assert.Equal(Duration.Zero, IncidentReader.EndedLookback(new IncidentPagesOptions { ResolvedWindow = Duration.FromDays(-1), ActionItemLookback = Duration.FromDays(-2) }));
    }

    [Fact]
    public void EndedSince_LookbackPastTheStartOfTime_IsTheStartOfTime()
    {
        var now = ServiceHost.Start;

        Assert.Equal(now - Duration.FromDays(90), IncidentReader.EndedSince(now, new IncidentPagesOptions()));
        Assert.Equal(Instant.MinValue, IncidentReader.EndedSince(now, new IncidentPagesOptions { ActionItemLookback = Duration.MaxValue }));
        Assert.Equal(Instant.MinValue, IncidentReader.EndedSince(now, new IncidentPagesOptions { ResolvedWindow = now - Instant.MinValue }));
    }

    private static ServiceHost SharingStore(IIncidentEventStore store) => new() { TestServices = services => services.AddSingleton(store) };

    private static async Task<string> DashboardAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Dashboard);
        request.Headers.Add("X-Api-Key", ServiceHost.EngineerKey);
        using var response = await client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>INC-PM: raised, acknowledged and resolved, with action item AI-1 (owner devon) due 2026-06-01.</summary>
    private static Task ResolvedWithActionItemAsync(ServiceHost app) =>
        app.ApplyAsResponderAsync(
            "INC-PM",
            new RaiseAlert("search latency", "search"),
            new Acknowledge(),
            new Resolve("cache warmed"),
            new AddActionItem("AI-1", "Alert on cache hit rate", "devon", new LocalDate(2026, 6, 1)));
}
