using System.Collections.Concurrent;
using IncidentPolicy.Orleans.WakeUps;

namespace IncidentService.Tests.Intake;

/// <summary>Records every due action the grains hand over.</summary>
public sealed class RecordingDispatcher : IIncidentDispatcher
{
    private readonly ConcurrentQueue<DueAction> _sent = new();

    public IReadOnlyList<DueAction> Sent => [.. _sent];

    public Task DispatchAsync(DueAction action, CancellationToken cancellationToken)
    {
        _sent.Enqueue(action);
        return Task.CompletedTask;
    }
}
