using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Storage;
using Microsoft.Extensions.Options;

namespace IncidentPolicy.Orleans.Grains;

/// <summary>Finds the open incident by dedup key in the store and sends it the command; raises one when there is none.</summary>
internal sealed class AlertIntakeGrain(IIncidentEventStore store, IIncidentIdGenerator ids, IOptions<IncidentGrainOptions> options)
    : Grain, IAlertIntakeGrain
{
    /// <summary>How often a command is retried when the incident moved on (a wake-up recorded a page) in between.</summary>
    private const int Attempts = 5;

    private readonly Actor _actor = options.Value.IntakeActor;

    private string DedupKey => this.GetPrimaryKeyString();

    public async Task<AlertIntakeAnswer> TriggerAsync(string summary, string? service, string? severity, Actor? actor, string? policyName)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var open = await store.FindOpenByDedupKeyAsync(DedupKey).ConfigureAwait(true);
        if (open is not null)
        {
            return await SendAsync(open, new JoinAlert(summary, DedupKey, severity), actor).ConfigureAwait(true);
        }

        var id = ids.NewId(DedupKey);
        var answer = await GrainFactory.GetGrain<IIncidentGrain>(id)
            .RaiseAsync(new RaiseAlert(summary, service, severity, DedupKey), actor ?? _actor, policyName).ConfigureAwait(true);
        return new AlertIntakeAnswer(id, answer);
    }

    public Task<AlertIntakeAnswer> AcknowledgeAsync(Actor? actor) => SendToOpenAsync(new Acknowledge(), actor);

    public Task<AlertIntakeAnswer> ResolveAsync(string? summary, Actor? actor) => SendToOpenAsync(new Resolve(summary), actor);

    public Task<AlertIntakeAnswer> ClearAsync(Actor? actor) => SendToOpenAsync(new ClearAlert(DedupKey), actor);

    private async Task<AlertIntakeAnswer> SendToOpenAsync(IncidentCommand command, Actor? actor)
    {
        var open = await store.FindOpenByDedupKeyAsync(DedupKey).ConfigureAwait(true);
        return open is null ? AlertIntakeAnswer.NoIncident : await SendAsync(open, command, actor).ConfigureAwait(true);
    }

    private async Task<AlertIntakeAnswer> SendAsync(string incidentId, IncidentCommand command, Actor? actor)
    {
        var grain = GrainFactory.GetGrain<IIncidentGrain>(incidentId);
        var version = await grain.GetVersionAsync().ConfigureAwait(true);
        ApplyAnswer answer = ApplyAnswer.Conflict(version);
        for (var attempt = 0; attempt < Attempts && answer.Outcome == ApplyOutcome.Conflict; attempt++)
        {
            answer = await grain.ApplyAsync(command, actor ?? _actor, answer.Version).ConfigureAwait(true);
        }

        return new AlertIntakeAnswer(incidentId, answer);
    }
}
