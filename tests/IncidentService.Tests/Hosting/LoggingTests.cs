using System.Net;
using IncidentService.Tests.Api;
using IncidentService.Tests.Servers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentService.Tests.Hosting;

public sealed class LoggingTests
{
    [Fact]
    public async Task Logs_CommandAndPage_CarryTheIncidentIdInTheirScope()
    {
        var logs = new ScopeCapturingLogger();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var service = new ServiceHost { TestServices = s => s.AddSingleton<ILoggerProvider>(logs) }
            .AddWebhook("pager", receiver.Url("hook"));
        var id = await service.RaiseAsync();
        await service.SettleAsync(id);
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);
        var version = await service.Grains.GetGrain<IncidentPolicy.Orleans.Grains.IIncidentGrain>(id).GetVersionAsync();

        using var response = await IncidentApiTests.PostAsync(client, id, """{"command":"acknowledge"}""", $"\"{version}\"");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var accepted = Assert.Single(logs.Entries, e => e.Message.StartsWith("Command accepted", StringComparison.Ordinal));
        Assert.Equal(id, accepted.Scope["IncidentId"]);
        var delivered = Assert.Single(logs.Entries, e => e.Message.Contains("delivered to pager", StringComparison.Ordinal));
        Assert.Equal(id, delivered.Scope["IncidentId"]);
        Assert.StartsWith("escalate:", delivered.Scope["ObligationKey"] as string, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_DevMode_WarnsThatNothingIsDurable()
    {
        var logs = new ScopeCapturingLogger();
        await using var service = new ServiceHost { TestServices = s => s.AddSingleton<ILoggerProvider>(logs) };

        using var client = service.ClientWithKey(null);
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warning = Assert.Single(logs.Entries, e => e.Category == "IncidentService.Hosting.StartupBanner" && e.Level == LogLevel.Warning);
        Assert.Contains("Nothing is durable", warning.Message, StringComparison.Ordinal);
    }
}
