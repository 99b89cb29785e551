using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentService.Tests.Outbound;

/// <summary>
/// A webhook that has moved, or answers slowly — Kestrel on 127.0.0.1 and a port the OS picks: <c>/moved</c> answers
/// 302 to <c>/landing</c>, which answers 200 to any method (as a site's front page does); <c>/slow</c> answers only
/// when the request is abandoned. Records the method of every request to <c>/landing</c>.
/// </summary>
internal sealed class MovedWebhook : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MovedWebhook(WebApplication app) => _app = app;

    /// <summary>The base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The methods of the requests that reached <c>/landing</c>.</summary>
    public ConcurrentQueue<string> Landed { get; } = new();

    public static async Task<MovedWebhook> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var webhook = new MovedWebhook(app);
        app.Map("/moved", (HttpContext context) => Results.Redirect("/landing"));
        app.Map("/landing", (HttpContext context) =>
        {
            webhook.Landed.Enqueue(context.Request.Method);
            return Results.Ok();
        });
        app.Map("/slow", async (HttpContext context) =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        webhook.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return webhook;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
