using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Storage;

namespace IncidentService.Operations;

/// <summary>
/// Wraps the silo's event store to count the incidents opened: an appended first event that is an alert
/// (<see cref="AlertFired"/>) counts once in <c>incident_service_incidents_opened_total</c>, labelled with the actor who
/// raised it (e.g. <c>integration:alertmanager</c>). Counting at the store counts every incident exactly once, whichever
/// intake, API or test opened it, and never one whose append was refused. Everything else is passed through unchanged.
/// Thread-safe as the inner store is.
/// </summary>
internal sealed class CountingEventStore(IIncidentEventStore inner, ServiceMetrics metrics) : IIncidentEventStore
{
    public async Task<bool> AppendAsync(string incidentId, int expectedVersion, IncidentEvent incidentEvent, IncidentHead head, CancellationToken cancellationToken = default)
    {
        var appended = await inner.AppendAsync(incidentId, expectedVersion, incidentEvent, head, cancellationToken);
        if (appended && expectedVersion == 0 && incidentEvent is AlertFired)
        {
            metrics.IncidentOpened(incidentEvent.By);
        }

        return appended;
    }

    public Task<IReadOnlyList<IncidentEvent>> ReadAsync(string incidentId, CancellationToken cancellationToken = default) => inner.ReadAsync(incidentId, cancellationToken);

    public Task<IReadOnlyList<IncidentHead>> ListOpenAsync(CancellationToken cancellationToken = default) => inner.ListOpenAsync(cancellationToken);

    public Task<IReadOnlyList<IncidentHead>> ListEndedSinceAsync(NodaTime.Instant since, int limit, CancellationToken cancellationToken = default) => inner.ListEndedSinceAsync(since, limit, cancellationToken);

    public Task<string?> FindOpenByDedupKeyAsync(string dedupKey, CancellationToken cancellationToken = default) => inner.FindOpenByDedupKeyAsync(dedupKey, cancellationToken);

    public Task SavePolicyAsync(string hash, string policyJson, CancellationToken cancellationToken = default) => inner.SavePolicyAsync(hash, policyJson, cancellationToken);

    public Task<string?> ReadPolicyAsync(string hash, CancellationToken cancellationToken = default) => inner.ReadPolicyAsync(hash, cancellationToken);

    /// <summary>Replaces the last <see cref="IIncidentEventStore"/> registration with this wrapper around it; the inner
    /// store is made exactly as its registration said (instance, factory or type).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IIncidentEventStore))
            ?? throw new InvalidOperationException("Register an event store before the operations (AddIncidentServiceHost does).");
        services.Remove(original);
        services.AddSingleton<IIncidentEventStore>(provider =>
        {
            var inner = original.ImplementationInstance as IIncidentEventStore
                ?? original.ImplementationFactory?.Invoke(provider) as IIncidentEventStore
                ?? (IIncidentEventStore)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!);
            return new CountingEventStore(inner, provider.GetRequiredService<ServiceMetrics>());
        });
    }
}
