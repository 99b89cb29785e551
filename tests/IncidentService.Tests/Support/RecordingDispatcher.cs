using System.Collections.Concurrent;
using IncidentPolicy.Orleans.WakeUps;

namespace IncidentService.Tests.Support;

/// <summary>Records every due action the grains hand over, then hands it to the service's own dispatcher (webhooks, or
/// the log), so a failed delivery still fails the dispatch as it would without the recorder.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class RecordingDispatcher
{
    private readonly ConcurrentQueue<DueAction> _sent = new();

    /// <summary>Every action handed over so far, oldest first (retries of a failed delivery included).</summary>
    public IReadOnlyList<DueAction> Sent => [.. _sent];

    /// <summary>A dispatcher that records, then forwards to <paramref name="inner"/>.</summary>
    /// <param name="inner">The service's own dispatcher.</param>
    /// <returns>The recording dispatcher.</returns>
    internal IIncidentDispatcher Forwarding(IIncidentDispatcher inner) => new Forwarder(this, inner);

    private sealed class Forwarder(RecordingDispatcher recorder, IIncidentDispatcher inner) : IIncidentDispatcher
    {
        public Task DispatchAsync(DueAction action, CancellationToken cancellationToken)
        {
            recorder._sent.Enqueue(action);
            return inner.DispatchAsync(action, cancellationToken);
        }
    }
}
