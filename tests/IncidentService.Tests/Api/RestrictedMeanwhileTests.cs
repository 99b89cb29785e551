using System.Net;
using System.Text.Json;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentService.Tests.Api;

/// <summary>
/// An incident restricted while <c>GET /api/incidents/{id}</c> is answering: the state shown is never one the caller
/// may not view. The interleaving is made deterministic by an outgoing grain call filter that raises the
/// <c>restricted</c> flag right after the endpoint has read the incident's event log.
/// </summary>
public sealed class RestrictedMeanwhileTests : IAsyncLifetime
{
    private readonly RestrictAfterLogRead _filter = new();
    private readonly ServiceHost _service;

    public RestrictedMeanwhileTests()
    {
        _service = new ServiceHost { TestServices = s => s.AddSingleton<IOutgoingGrainCallFilter>(_filter) };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task GetIncident_RestrictedRightAfterTheVisibilityRead_NeverShowsTheRestrictedStateToAnOutsider()
    {
        using var outsider = _service.ClientWithKey(ServiceHost.OutsiderKey);
        var id = await _service.RaiseAsync();
        await _service.SettleAsync(id);
        _filter.Arm(id, _service.Grains);

        using var response = await outsider.GetAsync(new Uri($"/api/incidents/{id}", UriKind.Relative));

        Assert.True(_filter.Fired, "the filter did not restrict the incident during the request");
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.OK)
        {
            using var state = JsonDocument.Parse(text);
            var incident = state.RootElement.GetProperty("incident");
            Assert.False(incident.TryGetProperty("restricted", out var restricted) && restricted.GetBoolean(), $"an outsider was shown a restricted incident: {text}");
        }
        else
        {
            await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound, "incident.notFound");
        }

        using var after = await outsider.GetAsync(new Uri($"/api/incidents/{id}", UriKind.Relative));
        await ApiAssert.ProblemAsync(after, HttpStatusCode.NotFound, "incident.notFound");
    }

    [Fact]
    public async Task PostCommand_IfMatchAheadOfTheVersionChecked_Answers412AndTheRestrictedIncidentIsNotChanged()
    {
        using var outsider = _service.ClientWithKey(ServiceHost.OutsiderKey);
        var id = await _service.RaiseAsync();
        await _service.SettleAsync(id);
        var grain = _service.Grains.GetGrain<IIncidentGrain>(id);
        var seen = await grain.GetVersionAsync();
        _filter.Arm(id, _service.Grains);

        // The outsider guesses the next version; the incident is restricted (that version) right after the endpoint's
        // visibility read, so the command would land on a state the outsider may not view.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/incidents/{id}/commands", UriKind.Relative))
        {
            Content = new StringContent("""{"command":"acknowledge"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{seen + 1}\"");
        using var response = await outsider.SendAsync(request);

        Assert.True(_filter.Fired, "the filter did not restrict the incident during the request");
        await ApiAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed, "precondition.failed");
        Assert.Equal(seen + 1, await grain.GetVersionAsync());
        Assert.Equal("triggered", (await _service.StateAsync(id)).GetProperty("status").GetString());
    }

    /// <summary>Once armed, raises <c>restricted</c> on the incident as soon as its event log has been read once.</summary>
    private sealed class RestrictAfterLogRead : IOutgoingGrainCallFilter
    {
        private string? _incidentId;
        private IGrainFactory? _grains;
        private int _armed;

        public bool Fired { get; private set; }

        public void Arm(string incidentId, IGrainFactory grains)
        {
            _incidentId = incidentId;
            _grains = grains;
            Volatile.Write(ref _armed, 1);
        }

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            await context.Invoke();
            if (context.MethodName == nameof(IIncidentGrain.GetEventLogJsonAsync)
                && context.TargetId.Key.ToString() == _incidentId
                && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                var grain = _grains!.GetGrain<IIncidentGrain>(_incidentId);
                var answer = await grain.ApplyAsync(new RaiseFlag("restricted"), ServiceHost.Responder, await grain.GetVersionAsync());
                Assert.True(answer.IsAccepted, answer.ToString());
                Fired = true;
            }
        }
    }
}
