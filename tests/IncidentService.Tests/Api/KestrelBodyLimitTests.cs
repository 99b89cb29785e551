using System.Net;
using IncidentPolicy.Orleans.Grains;
using IncidentService.Tests.Pages;

namespace IncidentService.Tests.Api;

/// <summary>A command body Kestrel itself refuses to read (declared larger than its 30 MB request limit): the API still
/// answers 400 with the reason, not 500. Served on Kestrel, because the in-memory test server has no such limit.</summary>
[Collection(ServiceHostCollection.Name)]
public sealed class KestrelBodyLimitTests : IAsyncLifetime
{
    private readonly ServiceHost _service = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task PostCommand_DeclaredLargerThanKestrelsLimit_Answers400WithTheReasonAndChangesNothing()
    {
        var address = _service.StartOnLoopback();
        var id = await _service.RaiseAsync();
        await _service.SettleAsync(id);
        var version = await _service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync();
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceHost.EngineerKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/incidents/{id}/commands", UriKind.Relative))
        {
            Content = new ByteArrayContent(new byte[31_000_000]),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        // Kestrel refuses by the declared length before asking for the body, so the client waits for the answer
        // instead of pushing 31 MB into a closed connection.
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "command.invalid");
        Assert.Contains("too large", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(version, await _service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync());
    }
}
