using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentService.Intake.Slack;
using IncidentService.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentService.Tests.Intake.Slack;

/// <summary>Channel bindings through <c>/slack/commands</c>: the semantics in dev mode, and a binding store that is
/// down, which never costs an accepted command.</summary>
[Collection(ServiceHostCollection.Name)]
public sealed class SlackChannelBindingTests : IAsyncLifetime
{
    private readonly FailingChannelBindings _down = new(failFinds: true);
    private readonly FailingChannelBindings _bindsDown = new(failFinds: false);
    private readonly ServiceHost _dev = new();
    private ServiceHost? _storeDown;
    private ServiceHost? _bindsFail;

    /// <summary>A host whose binding store is down.</summary>
    private ServiceHost StoreDown => _storeDown ??= new ServiceHost { TestServices = s => s.AddSingleton<IChannelBindings>(_down) };

    /// <summary>A host whose binding store answers lookups (no binding) but fails every write.</summary>
    private ServiceHost BindsFail => _bindsFail ??= new ServiceHost { TestServices = s => s.AddSingleton<IChannelBindings>(_bindsDown) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _dev.DisposeAsync();
        foreach (var host in new[] { _storeDown, _bindsFail })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static string Text(JsonElement reply) => reply.GetProperty("text").GetString()!;

    private static string ResponseType(JsonElement reply) => reply.GetProperty("response_type").GetString()!;

    /// <summary>The incident a <c>declare</c> reply announces ("&lt;@U…&gt; declared INC-… SEV-n: title").</summary>
    private static string Declared(JsonElement reply) =>
        Regex.Match(Text(reply), "declared (?<id>INC-[0-9a-f]+) ", RegexOptions.CultureInvariant) is { Success: true } match
            ? match.Groups["id"].Value
            : throw new Xunit.Sdk.XunitException($"not a declare reply: {reply}");

    [Fact]
    public async Task ExplicitId_ChannelAlreadyBound_KeepsTheFirstIncident()
    {
        using var client = _dev.CreateClient();
        var first = await _dev.RaiseAsync();
        var second = await _dev.RaiseAsync();
        await IntakeClient.SlackAsync(client, _dev, "UALEX", $"ack {first}", "CKEEP");
        await IntakeClient.SlackAsync(client, _dev, "UALEX", $"ack {second}", "CKEEP");

        var (_, status) = await IntakeClient.SlackAsync(client, _dev, "UALEX", "status", "CKEEP");

        Assert.StartsWith(first + " ·", Text(status), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declare_ChannelsIncidentResolved_OpensANewIncidentAndRebindsTheChannel()
    {
        using var client = _dev.CreateClient();
        var (_, first) = await IntakeClient.SlackAsync(client, _dev, "UALEX", "declare SEV-3 \"search slow\"", "CREBIND");
        var ended = Declared(first);
        await _dev.ApplyAsResponderAsync(ended, new IncidentPolicy.Lifecycle.Resolve("fixed"));

        var (_, declared) = await IntakeClient.SlackAsync(client, _dev, "UALEX", "declare SEV-3 \"search slow again\"", "CREBIND");
        var (_, status) = await IntakeClient.SlackAsync(client, _dev, "UALEX", "status", "CREBIND");

        Assert.Equal("in_channel", ResponseType(declared));
        var fresh = Declared(declared);
        Assert.NotEqual(ended, fresh);
        Assert.StartsWith(fresh + " ·", Text(status), StringComparison.Ordinal);
        Assert.Equal("resolved", (await _dev.StateAsync(ended)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Declare_BindingStoreFailsWrites_IncidentDeclaredAndTheReplySaysTheChannelIsNotBound()
    {
        using var client = BindsFail.CreateClient();

        var (status, reply) = await IntakeClient.SlackAsync(client, BindsFail, "UALEX", "declare SEV-2 \"payments down\"", "CDOWN1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("in_channel", ResponseType(reply));
        var id = Declared(reply);
        Assert.Contains($"could not be bound to {id}", Text(reply), StringComparison.Ordinal);
        var incident = await BindsFail.StateAsync(id);
        Assert.Equal("SEV-2", incident.GetProperty("severity").GetString());
        Assert.Equal("payments down", incident.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AckWithId_BindingStoreDown_AcknowledgedAndTheReplySaysTheChannelIsNotBound()
    {
        using var client = StoreDown.CreateClient();
        var id = await StoreDown.RaiseAsync();

        var (_, reply) = await IntakeClient.SlackAsync(client, StoreDown, "UALEX", $"ack {id}", "CDOWN2");

        Assert.Equal("in_channel", ResponseType(reply));
        Assert.Contains($"could not be bound to {id}", Text(reply), StringComparison.Ordinal);
        Assert.Equal("acknowledged", (await StoreDown.StateAsync(id)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("ack")]
    [InlineData("declare SEV-2 \"payments down\"")]
    public async Task CommandWithoutId_BindingStoreDown_SenderAskedToNameTheIncidentAndNothingDone(string text)
    {
        using var client = StoreDown.CreateClient();
        var before = StoreDown.Journal.RecentIntakes(1_000).Count(r => r.Accepted);

        var (status, reply) = await IntakeClient.SlackAsync(client, StoreDown, "UALEX", text, "CDOWN3");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ephemeral", ResponseType(reply));
        Assert.Contains("could not be looked up", Text(reply), StringComparison.Ordinal);
        Assert.Contains("INC-", Text(reply), StringComparison.Ordinal);
        Assert.Equal(before, StoreDown.Journal.RecentIntakes(1_000).Count(r => r.Accepted));
        Assert.True(_down.Calls > 0);
    }
}
