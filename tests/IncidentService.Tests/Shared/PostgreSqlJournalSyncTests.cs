using IncidentPolicy.Orleans.Tests.Servers;
using IncidentService.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace IncidentService.Tests.Shared;

/// <summary>Durable mode's journal, shared between two nodes through a real PostgreSQL 15 started by the fixture.</summary>
public sealed class PostgreSqlJournalSyncTests(PostgreSqlServer server) : IClassFixture<PostgreSqlServer>, IDisposable
{
    private static readonly Instant At = Instant.FromUtc(2026, 5, 29, 14, 0);

    private readonly List<ServiceDatabase> _databases = [];

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }
    }

    /// <summary>A node's sync over its own service database (tables created, unless the server cannot be reached).</summary>
    private async Task<PostgreSqlJournalSync> SyncAsync(ServiceJournal journal, string? connectionString = null)
    {
        var database = new ServiceDatabase(connectionString ?? server.ConnectionString);
        _databases.Add(database);
        if (connectionString is null)
        {
            await database.EnsureTablesAsync(CancellationToken.None);
        }

        return new(database, journal, TimeProvider.System, NullLogger<PostgreSqlJournalSync>.Instance);
    }

    [Fact]
    public async Task SyncOnce_WhatOneNodeRecords_TheOtherShows_AndADeliveryThatSucceedsLeavesBoth()
    {
        var key = Guid.NewGuid().ToString("N");
        var (nodeA, nodeB) = (new ServiceJournal(), new ServiceJournal());
        using var syncA = await SyncAsync(nodeA);
        using var syncB = await SyncAsync(nodeB);
        nodeA.RecordIntake(new IntakeRecord(At, "pagerduty", key, "INC-1", false, "only the incident commander may resolve a SEV-1"));
        nodeA.RecordDelivery(new DeliveryRecord(At, "INC-1", key, "pager", 1, false, "503 from the webhook"));

        await syncA.SyncOnceAsync(CancellationToken.None);
        await syncB.SyncOnceAsync(CancellationToken.None);

        var refused = Assert.Single(nodeB.RecentIntakes(ServiceJournal.Keep), r => r.DedupKey == key);
        Assert.Equal(new IntakeRecord(At, "pagerduty", key, "INC-1", false, "only the incident commander may resolve a SEV-1"), refused);
        Assert.Equal(new DeliveryRecord(At, "INC-1", key, "pager", 1, false, "503 from the webhook"), Assert.Single(nodeB.FailedDeliveries(), d => d.ObligationKey == key));

        nodeA.RecordDelivery(new DeliveryRecord(At + Duration.FromSeconds(10), "INC-1", key, "pager", 2, true, null));
        await syncA.SyncOnceAsync(CancellationToken.None);
        await syncB.SyncOnceAsync(CancellationToken.None);

        Assert.DoesNotContain(nodeA.FailedDeliveries(), d => d.ObligationKey == key);
        Assert.DoesNotContain(nodeB.FailedDeliveries(), d => d.ObligationKey == key);
        Assert.Single(nodeA.RecentIntakes(ServiceJournal.Keep), r => r.DedupKey == key);
    }

    [Fact]
    public async Task SyncOnce_DatabaseUnreachable_RecordsKeptAndWrittenByALaterSync()
    {
        var key = Guid.NewGuid().ToString("N");
        var journal = new ServiceJournal();
        using (var unreachable = await SyncAsync(journal, "Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2"))
        {
            journal.RecordIntake(new IntakeRecord(At, "alertmanager", key, null, false, "no open incident has this dedup key"));

            await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => unreachable.SyncOnceAsync(CancellationToken.None));
            Assert.Single(journal.RecentIntakes(), r => r.DedupKey == key);
        }

        using var sync = await SyncAsync(journal);
        await sync.SyncOnceAsync(CancellationToken.None);
        var other = new ServiceJournal();
        using var otherSync = await SyncAsync(other);
        await otherSync.SyncOnceAsync(CancellationToken.None);

        Assert.Single(other.RecentIntakes(ServiceJournal.Keep), r => r.DedupKey == key);
        Assert.Single(journal.RecentIntakes(ServiceJournal.Keep), r => r.DedupKey == key);
    }

    [Fact]
    public async Task SyncOnce_ManyIntakes_NewestKeepShownNewestFirst()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var journal = new ServiceJournal();
        using var sync = await SyncAsync(journal);
        for (var i = 0; i < 1_500; i++)
        {
            journal.RecordIntake(new IntakeRecord(At + Duration.FromMilliseconds(i), "pagerduty", $"{prefix}-{i}", null, true, null));
        }

        await sync.SyncOnceAsync(CancellationToken.None);

        var shown = journal.RecentIntakes(ServiceJournal.Keep);
        Assert.Equal(ServiceJournal.Keep, shown.Count);
        Assert.Equal($"{prefix}-1499", shown[0].DedupKey);
        Assert.Equal($"{prefix}-500", shown[^1].DedupKey);
    }
}
