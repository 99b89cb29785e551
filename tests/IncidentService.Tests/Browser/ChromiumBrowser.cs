using IncidentPolicy.Orleans.Tests.Servers;
using Microsoft.Playwright;

namespace IncidentService.Tests.Browser;

/// <summary>
/// The system Chromium (Debian package <c>chromium</c>, <c>/usr/bin/chromium</c>) driven by Playwright for .NET:
/// headless, with <c>--no-sandbox</c> when the tests run as root (Chromium refuses its sandbox as root). Playwright's
/// own browsers are never downloaded or used: the launch names the system executable, and
/// <c>PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1</c> is set before Playwright starts. Playwright's driver (a Node.js program)
/// ships inside the NuGet package and is copied to <c>.playwright/</c> beside the test assembly.
/// </summary>
/// <remarks>A missing Chromium fails the fixture naming the package to install (never a skipped test). Screenshots go to
/// <see cref="ScreenshotFolder"/>.</remarks>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    /// <summary>Where Debian installs Chromium's launcher.</summary>
    public const string DebianExecutable = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private ChromiumBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    /// <summary>Where the browser tests save their screenshots: <c>TestResults/screenshots/</c> beside the test
    /// assembly.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>The launched browser.</summary>
    public IBrowser Browser { get; }

    /// <summary>Launches the system Chromium.</summary>
    /// <returns>The running browser.</returns>
    /// <exception cref="InvalidOperationException">Chromium is not installed; names the package.</exception>
    public static Task<ChromiumBrowser> LaunchAsync() =>
        LaunchAsync(File.Exists(DebianExecutable) ? DebianExecutable : ServerProcess.Find("chromium"));

    /// <summary>Launches the Chromium at <paramref name="executable"/> (for the fixture's own test of a missing
    /// browser).</summary>
    /// <param name="executable">The executable, or <see langword="null"/> when none was found.</param>
    /// <returns>The running browser.</returns>
    internal static async Task<ChromiumBrowser> LaunchAsync(string? executable)
    {
        var found = (executable is not null && File.Exists(executable) ? executable : null)
            ?? throw new InvalidOperationException(
                "chromium was not found (looked at /usr/bin/chromium and on PATH): install the Debian package 'chromium' (./test.sh installs it)");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = found,
                Headless = true,
                Args = ServerProcess.IsRoot ? ["--no-sandbox"] : [],
                Timeout = (float)ServerProcess.Deadline.TotalMilliseconds,
            });
            return new ChromiumBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A new page in a fresh context sized like a phone held upright, or a desktop window.</summary>
    /// <param name="phone">A 390 × 844 viewport (a phone) when true; 1280 × 900 otherwise.</param>
    /// <param name="cookies">Cookies to set in the context first.</param>
    /// <returns>The page.</returns>
    public async Task<IPage> NewPageAsync(bool phone = false, IEnumerable<Cookie>? cookies = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        if (cookies is not null)
        {
            await context.AddCookiesAsync(cookies);
        }

        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot of <paramref name="page"/> as <c>NAME.png</c> in
    /// <see cref="ScreenshotFolder"/>.</summary>
    /// <param name="page">The page.</param>
    /// <param name="name">The file's name without extension.</param>
    /// <returns>The file's path.</returns>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
