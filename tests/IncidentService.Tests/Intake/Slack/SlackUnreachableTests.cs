using System.Text.Json;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentService.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentService.Tests.Intake.Slack;

/// <summary>A <c>declare</c> that opens its incident and then cannot reach it for the declare: the sender is not told
/// "nothing was done" (an incident was opened and the channel bound to it), and sending the command again declares
/// that incident rather than opening a second one.</summary>
[Collection(ServiceHostCollection.Name)]
public sealed class SlackUnreachableTests : IAsyncLifetime
{
    private readonly FailNextDeclare _filter = new();
    private readonly ServiceHost _service;

    public SlackUnreachableTests()
    {
        _service = new ServiceHost { TestServices = s => s.AddSingleton<IOutgoingGrainCallFilter>(_filter) };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static string Text(JsonElement reply) => reply.GetProperty("text").GetString()!;

    [Fact]
    public async Task Declare_DeclareFailsAfterTheIncidentOpened_SenderToldItMayNotBeDoneAndTheRetryDeclaresThatIncident()
    {
        using var client = _service.CreateClient();
        _filter.Armed = true;

        var (_, failed) = await IntakeClient.SlackAsync(client, _service, "UALEX", "declare SEV-2 \"inbox slow\"", "CUNREACH");
        var (_, status) = await IntakeClient.SlackAsync(client, _service, "UALEX", "status", "CUNREACH");
        var (_, retried) = await IntakeClient.SlackAsync(client, _service, "UALEX", "declare SEV-2 \"inbox slow\"", "CUNREACH");

        Assert.False(_filter.Armed);
        Assert.Equal("ephemeral", failed.GetProperty("response_type").GetString());
        Assert.DoesNotContain("nothing was done", Text(failed), StringComparison.Ordinal);
        Assert.Contains("may not have been applied", Text(failed), StringComparison.Ordinal);
        var opened = Text(status).Split(" · ")[0];
        Assert.Contains("triggered", Text(status), StringComparison.Ordinal);
        Assert.Contains($"declared {opened} SEV-2", Text(retried), StringComparison.Ordinal);
        Assert.Equal("inbox slow", (await _service.StateAsync(opened)).GetProperty("title").GetString());
    }

    /// <summary>When armed, fails the next <see cref="Declare"/> sent to an incident grain, as an unreachable silo does.</summary>
    private sealed class FailNextDeclare : IOutgoingGrainCallFilter
    {
        private int _armed;

        public bool Armed
        {
            get => Volatile.Read(ref _armed) == 1;
            set => Volatile.Write(ref _armed, value ? 1 : 0);
        }

        public Task Invoke(IOutgoingGrainCallContext context) =>
            context.MethodName == nameof(IIncidentGrain.ApplyAsync) && context.Request.GetArgument(0) is Declare && Interlocked.Exchange(ref _armed, 0) == 1
                ? Task.FromException(new TimeoutException("the silo did not answer"))
                : context.Invoke();
    }
}
