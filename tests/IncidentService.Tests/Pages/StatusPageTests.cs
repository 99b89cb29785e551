using System.Net;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentService.Tests.Pages;

[Collection(ServiceHostCollection.Name)]
public sealed class StatusPageTests
{
    [Fact]
    public async Task Status_NoIncident_AnswersAllClearWithoutAKey()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/status", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("All systems operational", html, StringComparison.Ordinal);
        Assert.Contains("width=device-width", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OpenIncident_ShowsExternalUpdatesNewestFirstAndNoNotesPeopleOrRestrictedIncident()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        await app.ApplyAsResponderAsync(
            "INC-CHECKOUT",
            new RaiseAlert("db-3 pool exhausted on checkout", "checkout", "SEV-1"),
            new Acknowledge(),
            new Declare("SEV-1", "Checkout failing for EU customers (secret-title)"),
            new AssignCommander("blake"),
            new PostStatusUpdate(StatusAudience.External, "We are investigating errors at checkout."),
            new AddNote("note: suspect the 13:40 deploy by casey"),
            new PostStatusUpdate(StatusAudience.Internal, "internal: failing over db-3"));
        app.Clock.Advance(Duration.FromMinutes(10));
        await app.ApplyAsResponderAsync("INC-CHECKOUT", new PostStatusUpdate(StatusAudience.External, "A fix is being rolled out."));
        await app.ApplyAsResponderAsync(
            "INC-RESTRICTED",
            new RaiseAlert("card numbers in logs", "payments"),
            new RaiseFlag("restricted"),
            new PostStatusUpdate(StatusAudience.External, "restricted-external-words"));

        var html = await client.GetStringAsync(new Uri("/status", UriKind.Relative));

        Assert.Contains("checkout", html, StringComparison.Ordinal);
        var newest = html.IndexOf("A fix is being rolled out.", StringComparison.Ordinal);
        var oldest = html.IndexOf("We are investigating errors at checkout.", StringComparison.Ordinal);
        Assert.True(newest >= 0 && oldest > newest, "the external updates are not both shown, newest first");
        foreach (var hidden in new[]
                 {
                     "note: suspect", "internal: failing over", "alice", "blake", "casey", "secret-title", "db-3 pool", "INC-CHECKOUT",
                     "SEV-1", "payments", "restricted-external-words", "card numbers", "INC-RESTRICTED",
                 })
        {
            Assert.DoesNotContain(hidden, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Status_ResolvedIncident_ListedForSevenDaysThenGone()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        await app.ApplyAsResponderAsync(
            "INC-SEARCH",
            new RaiseAlert("search latency", "search"),
            new Acknowledge(),
            new PostStatusUpdate(StatusAudience.External, "Search is slow; we are on it."));
        Assert.Contains("Investigating", await client.GetStringAsync(new Uri("/status", UriKind.Relative)), StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromMinutes(30));
        await app.ApplyAsResponderAsync("INC-SEARCH", new Resolve("cache warmed"));
        var resolved = await client.GetStringAsync(new Uri("/status", UriKind.Relative));
        app.Clock.Advance(Duration.FromDays(7));
        var sevenDaysOn = await client.GetStringAsync(new Uri("/status", UriKind.Relative));
        app.Clock.Advance(Duration.FromMinutes(1));
        var later = await client.GetStringAsync(new Uri("/status", UriKind.Relative));

        Assert.Contains("Resolved in the last", resolved, StringComparison.Ordinal);
        Assert.Contains("Search is slow; we are on it.", resolved, StringComparison.Ordinal);
        Assert.Contains("All systems operational", resolved, StringComparison.Ordinal);
        Assert.Contains("Search is slow; we are on it.", sevenDaysOn, StringComparison.Ordinal);
        Assert.DoesNotContain("Search is slow", later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UpdateWithMarkup_IsEncodedNotRendered()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        await app.ApplyAsResponderAsync(
            "INC-XSS",
            new RaiseAlert("x", "<b>web</b>"),
            new Acknowledge(),
            new PostStatusUpdate(StatusAudience.External, "<script>alert('x')</script> & more"));

        var html = await client.GetStringAsync(new Uri("/status", UriKind.Relative));

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>web</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&amp; more", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ManyAtOnce_EveryRequestGetsThePage()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        await app.ApplyAsResponderAsync(
            "INC-BUSY",
            new RaiseAlert("checkout 5xx", "checkout"),
            new Acknowledge(),
            new PostStatusUpdate(StatusAudience.External, "Checkout is degraded."));

        var pages = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetStringAsync(new Uri("/status", UriKind.Relative))));

        Assert.All(pages, html => Assert.Contains("Checkout is degraded.", html, StringComparison.Ordinal));
    }
}
