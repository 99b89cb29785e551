using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentService.Tests.Browser;

/// <summary>The system Chromium starts under Playwright, reads a page served on a loopback port, runs its script, and
/// writes a screenshot.</summary>
public sealed class ChromiumSmokeTests
{
    [Fact]
    public async Task ChromiumBrowser_PageOnLoopback_ReadsTextRunsScriptAndSavesScreenshot()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/", () => Results.Content(
            "<!doctype html><html><body><h1>Checkout is degraded</h1><p id=\"x\"></p>"
            + "<script>document.getElementById('x').textContent = 'script ran';</script></body></html>",
            "text/html", Encoding.UTF8));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        await using var chromium = await ChromiumBrowser.LaunchAsync();

        var page = await chromium.NewPageAsync(phone: true);
        await page.GotoAsync(address.AbsoluteUri);

        Assert.Equal("Checkout is degraded", await page.TextContentAsync("h1"));
        Assert.Equal("script ran", await page.TextContentAsync("#x"));
        var screenshot = await ChromiumBrowser.ScreenshotAsync(page, "smoke");
        Assert.True(new FileInfo(screenshot).Length > 1000, $"the screenshot {screenshot} is (nearly) empty");
        Assert.Contains("Chrom", chromium.Browser.BrowserType.Name, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(chromium.Browser.Version));
    }

    [Fact]
    public async Task ChromiumBrowser_ExecutableMissing_FailsNamingThePackage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ChromiumBrowser.LaunchAsync("/nonexistent/chromium"));

        Assert.Contains("install the Debian package 'chromium'", error.Message, StringComparison.Ordinal);
    }
}
