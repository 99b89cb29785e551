using System.Net;
using System.Net.Http.Headers;
using IncidentPolicy.Lifecycle;
using IncidentService.Shared;
using NodaTime;

namespace IncidentService.Tests.Pages;

[Collection(ServiceHostCollection.Name)]
public sealed class DashboardPageTests
{
    private static readonly Uri Dashboard = new("/", UriKind.Relative);

    [Fact]
    public async Task Dashboard_NoKey_Answers401SignInPage()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(Dashboard);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("The dashboard needs an API key.", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/sign-in\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_UnknownKey_Answers401SayingSo()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Dashboard);
        request.Headers.Add("X-Api-Key", "not-a-key");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("That API key is not known.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("header")]
    [InlineData("bearer")]
    [InlineData("cookie")]
    public async Task Dashboard_KnownKeyInAnyPlace_ShowsTheViewer(string place)
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Dashboard);
        switch (place)
        {
            case "header":
                request.Headers.Add("X-Api-Key", ServiceHost.EngineerKey);
                break;
            case "bearer":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServiceHost.EngineerKey);
                break;
            default:
                request.Headers.Add("Cookie", "api_key=" + ServiceHost.EngineerKey);
                break;
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("signed in as alex", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_AcknowledgementLate_MarksItOverdueWithItsDueTime()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        await app.ApplyAsResponderAsync("INC-LATE", new RaiseAlert("checkout 5xx above 5%", "checkout", "SEV-1"));
        var before = await GetAsync(client, ServiceHost.EngineerKey);

        app.Clock.Advance(Duration.FromHours(1));
        var after = await GetAsync(client, ServiceHost.EngineerKey);

        var pending = Obligation(before, "acknowledge");
        Assert.DoesNotContain("overdue", pending, StringComparison.Ordinal);
        Assert.Contains("data-due=\"2026-05-29T14:05:00Z\"", pending, StringComparison.Ordinal);
        Assert.Contains("in 5m 00s", pending, StringComparison.Ordinal);
        var overdue = Obligation(after, "acknowledge");
        Assert.Contains("class=\"obligation overdue\"", overdue, StringComparison.Ordinal);
        Assert.Contains("OVERDUE by 55m 00s", overdue, StringComparison.Ordinal);
        Assert.Contains("due 2026-05-29 14:05 UTC", overdue, StringComparison.Ordinal);
        Assert.Contains("data-now=\"2026-05-29T15:00:00Z\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_RestrictedIncident_OnlyForViewersThePolicyAllows()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        await app.ApplyAsResponderAsync("INC-OPEN", new RaiseAlert("search latency", "search"));
        await app.ApplyAsResponderAsync("INC-SECRET", new RaiseAlert("card numbers in logs", "payments"), new RaiseFlag("restricted"));
        app.Journal.RecordDelivery(new DeliveryRecord(ServiceHost.Start, "INC-SECRET", "acknowledge", "pager", 3, false, "secret-delivery-error"));
        app.Journal.RecordIntake(new IntakeRecord(ServiceHost.Start, "pagerduty", "secret-key", "INC-SECRET", false, "secret-intake-reason"));

        var engineer = await GetAsync(client, ServiceHost.EngineerKey);
        var manager = await GetAsync(client, ServiceHost.ManagerKey);

        Assert.Contains("INC-OPEN", engineer, StringComparison.Ordinal);
        foreach (var hidden in new[] { "INC-SECRET", "card numbers", "secret-delivery-error", "secret-intake-reason" })
        {
            Assert.DoesNotContain(hidden, engineer, StringComparison.Ordinal);
            Assert.Contains(hidden, manager, StringComparison.Ordinal);
        }

        Assert.Contains("badge restricted", manager, StringComparison.Ordinal);
        Assert.Contains("Open incidents (1)", engineer, StringComparison.Ordinal);
        Assert.Contains("Open incidents (2)", manager, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_JournalAndChanges_ShowsFailedDeliveriesRefusedIntakesAndFlaggedChanges()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        await app.Changes.RecordAsync(new ChangeRecord(ServiceHost.Start - Duration.FromMinutes(30), "checkout", "deploy checkout v42", "ci", true, "inside the Friday change freeze, no approver"));
        await app.Changes.RecordAsync(new ChangeRecord(ServiceHost.Start - Duration.FromHours(3), "checkout", "deploy checkout v41", "ci", false, null));
        await app.ApplyAsResponderAsync("INC-DEPLOY", new RaiseAlert("checkout 5xx above 5%", "checkout", "SEV-2"));
        app.Journal.RecordDelivery(new DeliveryRecord(ServiceHost.Start, "INC-DEPLOY", "escalate:page-engineering-manager", "slack", 4, false, "HTTP 500 from slack"));
        app.Journal.RecordDelivery(new DeliveryRecord(ServiceHost.Start, "INC-DEPLOY", "acknowledge", "pager", 1, true, null));
        app.Journal.RecordIntake(new IntakeRecord(ServiceHost.Start, "alertmanager", "fp-123", null, false, "Only the Incident Commander may resolve a SEV-1."));
        app.Journal.RecordIntake(new IntakeRecord(ServiceHost.Start, "alertmanager", "fp-accepted", null, true, null));

        var html = await GetAsync(client, ServiceHost.EngineerKey);

        Assert.Contains("Failed deliveries (1)", html, StringComparison.Ordinal);
        Assert.Contains("HTTP 500 from slack", html, StringComparison.Ordinal);
        Assert.Contains("Refused intake events (1)", html, StringComparison.Ordinal);
        Assert.Contains("Only the Incident Commander may resolve a SEV-1.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fp-accepted", html, StringComparison.Ordinal);
        Assert.Contains("Flagged changes (1)", html, StringComparison.Ordinal);
        Assert.Contains("inside the Friday change freeze, no approver", html, StringComparison.Ordinal);
        Assert.Contains("Changes to this service in the 2 hours before the alert", html, StringComparison.Ordinal);
        Assert.Contains("deploy checkout v42", html, StringComparison.Ordinal);
        Assert.DoesNotContain("deploy checkout v41", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_SeedPolicy_ShowsWhoIsOnCallNow()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        var policy = IncidentPolicy.ResponsePolicy.Default;
        var expected = policy.Schedules.Select(s => policy.FindPerson(s.OnCallAt(ServiceHost.Start)!.PersonId)!.Name).ToList();

        var html = await GetAsync(client, ServiceHost.EngineerKey);

        Assert.NotEmpty(expected);
        Assert.Contains("On call now", html, StringComparison.Ordinal);
        Assert.All(expected, name => Assert.Contains(name, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dashboard_ActionItemPastDueAfterResolve_ListedAsOverdue()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient();
        await app.ApplyAsResponderAsync("INC-PM", new RaiseAlert("search latency", "search"), new Acknowledge());
        await GetAsync(client, ServiceHost.EngineerKey);
        await app.ApplyAsResponderAsync(
            "INC-PM",
            new Resolve("cache warmed"),
            new AddActionItem("AI-1", "Alert on cache hit rate", "devon", new LocalDate(2026, 6, 1)));

        var beforeDue = await GetAsync(client, ServiceHost.EngineerKey);
        app.Clock.Advance(Duration.FromDays(5));
        var afterDue = await GetAsync(client, ServiceHost.EngineerKey);

        Assert.Contains("Overdue post-mortem action items (0)", beforeDue, StringComparison.Ordinal);
        Assert.Contains("Overdue post-mortem action items (1)", afterDue, StringComparison.Ordinal);
        Assert.Contains("Alert on cache hit rate", afterDue, StringComparison.Ordinal);
        Assert.Contains("devon", afterDue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_KnownKey_SetsHttpOnlyCookieAndReturnsToTheDashboard()
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var form = new FormUrlEncodedContent([new("api_key", ServiceHost.ManagerKey)]);

        using var response = await client.PostAsync(new Uri("/sign-in", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("api_key=" + ServiceHost.ManagerKey, cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("application/json", "{\"api_key\":\"x\"}", 400, "application/x-www-form-urlencoded")]
    [InlineData("application/x-www-form-urlencoded", "other=1", 400, "no api_key field")]
    [InlineData("application/x-www-form-urlencoded", "api_key=", 400, "no api_key field")]
    [InlineData("application/x-www-form-urlencoded", "api_key=wrong", 401, "That API key is not known.")]
    public async Task SignIn_BadForm_AnswersWithTheReasonAndSetsNoCookie(string type, string body, int status, string reason)
    {
        await using var app = new ServiceHost();
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var content = new StringContent(body, System.Text.Encoding.UTF8, type);

        using var response = await client.PostAsync(new Uri("/sign-in", UriKind.Relative), content);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    private static async Task<string> GetAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Dashboard);
        request.Headers.Add("X-Api-Key", key);
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html}");
        return html;
    }

    private static string Obligation(string html, string key)
    {
        var marker = $"data-key=\"{key}\"";
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no obligation {key} on the page:\n{html}");
        var start = html.LastIndexOf("<div class=\"obligation", at, StringComparison.Ordinal);
        var end = html.IndexOf("</div>", at, StringComparison.Ordinal);
        return html[start..end];
    }
}
