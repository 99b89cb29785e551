using System.Collections.Concurrent;
using IncidentService.Shared;
using NodaTime;

namespace IncidentService.Tests.Pages;

/// <summary>A change log the page tests fill (the service's own belongs to the intake part).</summary>
internal sealed class TestChangeLog : IChangeLog
{
    private readonly ConcurrentQueue<ChangeRecord> _changes = new();

    public Task RecordAsync(ChangeRecord change, CancellationToken cancellationToken = default)
    {
        _changes.Enqueue(change);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChangeRecord>> ForServiceAsync(string service, Instant from, Instant to, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChangeRecord>>([.. _changes.Where(c => c.Service == service && c.At >= from && c.At <= to).OrderBy(c => c.At)]);

    public Task<IReadOnlyList<ChangeRecord>> FlaggedAsync(Instant since, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChangeRecord>>([.. _changes.Where(c => c.Flagged && c.At >= since).OrderByDescending(c => c.At)]);
}
