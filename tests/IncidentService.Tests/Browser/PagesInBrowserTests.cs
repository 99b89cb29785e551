using System.Net;
using IncidentPolicy.Lifecycle;
using IncidentService.Tests.Pages;
using IncidentService.Tests.Servers;
using Microsoft.Playwright;
using NodaTime;

namespace IncidentService.Tests.Browser;

/// <summary>The two pages in the system Chromium: the service runs on Kestrel on 127.0.0.1 and a free port
/// (<c>WebApplicationFactory.UseKestrel</c>), with the test's clock; screenshots at phone size are saved in
/// <see cref="ChromiumBrowser.ScreenshotFolder"/>.</summary>
[Collection(ServiceHostCollection.Name)]
public sealed class PagesInBrowserTests
{
    [Fact]
    public async Task Dashboard_InChromium_MarksTheOverdueObligationAndItsCountdownMoves()
    {
        await using var app = new ServiceHost();
        var address = app.StartOnLoopback();
        await app.ApplyAsResponderAsync("INC-4AM", new RaiseAlert("checkout 5xx above 5%", "checkout", "SEV-1"));
        app.Clock.Advance(Duration.FromMinutes(10));
        await using var chromium = await ChromiumBrowser.LaunchAsync();
        var page = await chromium.NewPageAsync(phone: true);

        var signIn = await page.GotoAsync(address.AbsoluteUri);
        Assert.Equal((int)HttpStatusCode.Unauthorized, signIn!.Status);
        await page.FillAsync("#api_key", ServiceHost.EngineerKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("article#INC-4AM");

        var overdue = page.Locator(".obligation.overdue[data-key=acknowledge]");
        Assert.Equal(1, await overdue.CountAsync());
        var countdown = overdue.Locator(".countdown");
        var first = await countdown.TextContentAsync();
        Assert.StartsWith("OVERDUE by 5m", first, StringComparison.Ordinal);
        await page.WaitForFunctionAsync(
            "([selector, before]) => document.querySelector(selector).textContent !== before",
            new object[] { ".obligation.overdue[data-key=acknowledge] .countdown", first! });
        var later = await countdown.TextContentAsync();
        Assert.StartsWith("OVERDUE by 5m", later, StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(later, first) > 0, $"the countdown went from '{first}' to '{later}'");
        var pending = page.Locator(".obligation:not(.overdue) .countdown").First;
        Assert.StartsWith("in ", await pending.TextContentAsync(), StringComparison.Ordinal);

        await ChromiumBrowser.ScreenshotAsync(page, "dashboard");
    }

    [Fact]
    public async Task Status_InChromium_ShowsTheExternalUpdateAndNotTheRestrictedIncident()
    {
        await using var app = new ServiceHost();
        var address = app.StartOnLoopback();
        await app.ApplyAsResponderAsync(
            "INC-PUBLIC",
            new RaiseAlert("db-3 pool exhausted", "checkout", "SEV-1"),
            new Acknowledge(),
            new PostStatusUpdate(StatusAudience.External, "Some payments are failing; we are rolling back the last change."),
            new AddNote("internal note: casey's deploy"));
        await app.ApplyAsResponderAsync(
            "INC-HIDDEN",
            new RaiseAlert("card numbers in logs", "payments"),
            new RaiseFlag("restricted"),
            new PostStatusUpdate(StatusAudience.External, "restricted words"));
        await using var chromium = await ChromiumBrowser.LaunchAsync();
        var page = await chromium.NewPageAsync(phone: true);

        var response = await page.GotoAsync(new Uri(address, "status").AbsoluteUri);

        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        var text = await page.InnerTextAsync("body");
        Assert.Contains("Some payments are failing; we are rolling back the last change.", text, StringComparison.Ordinal);
        Assert.Contains("checkout", text, StringComparison.Ordinal);
        foreach (var hidden in new[] { "payments —", "restricted words", "card numbers", "internal note", "casey", "db-3" })
        {
            Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
        }

        Assert.Equal(1, await page.Locator("article.incident").CountAsync());
        await ChromiumBrowser.ScreenshotAsync(page, "status");
    }
}
