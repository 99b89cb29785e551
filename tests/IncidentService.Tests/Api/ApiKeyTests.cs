using System.Net;
using System.Net.Http.Headers;
using IncidentService.Tests.Hosting;

namespace IncidentService.Tests.Api;

public sealed class ApiKeyTests(ServiceHost service) : IClassFixture<ServiceHost>
{
    private static readonly Uri Incidents = new("/api/incidents", UriKind.Relative);

    [Fact]
    public async Task Get_NoKey_Answers401WithTheReason()
    {
        using var client = service.ClientWithKey(null);

        using var response = await client.GetAsync(Incidents);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, "apiKey.unauthenticated");
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownKey_Answers401()
    {
        using var client = service.ClientWithKey("not-a-key-we-know-0000");

        using var response = await client.GetAsync(Incidents);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, "apiKey.unauthenticated");
        Assert.Contains("not known", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_KeyDifferingInItsLastCharacter_Answers401()
    {
        using var client = service.ClientWithKey(ServiceHost.ManagerKey[..^1] + "X");

        using var response = await client.GetAsync(Incidents);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, "apiKey.unauthenticated");
    }

    [Fact]
    public async Task Get_BearerKey_Answers200()
    {
        using var client = service.ClientWithKey(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServiceHost.EngineerKey);

        using var response = await client.GetAsync(Incidents);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_ApiKeyCookie_Answers200()
    {
        using var client = service.ClientWithKey(null);
        client.DefaultRequestHeaders.Add("Cookie", "api_key=" + ServiceHost.EngineerKey);

        using var response = await client.GetAsync(Incidents);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_ReadOnlyKey_Answers200()
    {
        using var client = service.ClientWithKey(ServiceHost.ReadOnlyKey);

        using var response = await client.GetAsync(Incidents);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PostCommand_ReadOnlyKey_Answers403AndChangesNothing()
    {
        var id = await service.RaiseAsync();
        await service.SettleAsync(id);
        var grain = service.Grains.GetGrain<IncidentPolicy.Orleans.Grains.IIncidentGrain>(id);
        var before = await grain.GetVersionAsync();
        using var client = service.ClientWithKey(ServiceHost.ReadOnlyKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/commands")
        {
            Content = new StringContent("""{"command":"acknowledge"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{before}\"");

        using var response = await client.SendAsync(request);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden, "apiKey.readOnly");
        Assert.Contains("read-only", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await grain.GetVersionAsync());
    }

    [Fact]
    public async Task PostCommand_NoKey_Answers401AndChangesNothing()
    {
        var id = await service.RaiseAsync();
        await service.SettleAsync(id);
        var grain = service.Grains.GetGrain<IncidentPolicy.Orleans.Grains.IIncidentGrain>(id);
        var before = await grain.GetVersionAsync();
        using var client = service.ClientWithKey(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/commands")
        {
            Content = new StringContent("""{"command":"acknowledge"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{before}\"");

        using var response = await client.SendAsync(request);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, "apiKey.unauthenticated");
        Assert.Equal(before, await grain.GetVersionAsync());
    }

    [Fact]
    public async Task OpenApi_NoKey_Answers401_WithKey_DescribesTheApi()
    {
        using var anonymous = service.ClientWithKey(null);
        using var refused = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var client = service.ClientWithKey(ServiceHost.EngineerKey);
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("/api/incidents/{id}/commands", text, StringComparison.Ordinal);
        Assert.Contains("/api/incidents/{id}/events", text, StringComparison.Ordinal);
        Assert.Contains("\"412\"", text, StringComparison.Ordinal);
    }
}
