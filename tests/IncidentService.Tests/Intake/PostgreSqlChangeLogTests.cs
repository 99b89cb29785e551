using System.Net;
using IncidentPolicy.Orleans.Tests.Servers;
using IncidentService.Intake.Changes;
using IncidentService.Shared;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace IncidentService.Tests.Intake;

/// <summary>Durable mode's change log on a real PostgreSQL 15, started by the fixture.</summary>
public sealed class PostgreSqlChangeLogTests(PostgreSqlServer server) : IClassFixture<PostgreSqlServer>
{
    /// <summary>A node's service database on the fixture's server, its tables created.</summary>
    private async Task<ServiceDatabase> NodeAsync()
    {
        var database = new ServiceDatabase(server.ConnectionString);
        await database.EnsureTablesAsync(CancellationToken.None);
        return database;
    }

    private static readonly Instant At = Instant.FromUtc(2026, 5, 29, 12, 0);

    private static ChangeRecord Change(string service, Instant at, string summary, bool flagged = false) =>
        new(at, service, summary, flagged ? null : "ci", flagged, flagged ? "inside the overnight freeze" : null);

    [Fact]
    public async Task Record_ThenRead_ByServiceInclusiveRangeOldestFirst_AndFromAnotherNode()
    {
        var service = "svc-" + Guid.NewGuid().ToString("N")[..8];
        await using var node = await NodeAsync();
        var log = new PostgreSqlChangeLog(node);
        await log.RecordAsync(Change(service, At + Duration.FromHours(1), "v3"));
        await log.RecordAsync(Change(service, At, "v1"));
        await log.RecordAsync(Change(service, At, "v2"));
        await log.RecordAsync(Change(service, At - Duration.FromTicks(1), "too early"));
        await log.RecordAsync(Change("other-" + service, At, "other service"));

        await using var other = await NodeAsync();
        var otherNode = new PostgreSqlChangeLog(other);
        var found = await otherNode.ForServiceAsync(service, At, At + Duration.FromHours(1));

        Assert.Equal(["v1", "v2", "v3"], found.Select(c => c.Summary));
        Assert.Equal(At, found[0].At);
        Assert.Equal("ci", found[0].Source);
        Assert.False(found[0].Flagged);
        Assert.Null(found[0].FlagReason);
    }

    [Fact]
    public async Task Flagged_SinceInclusive_NewestFirst_WithReason()
    {
        var service = "svc-" + Guid.NewGuid().ToString("N")[..8];
        var since = Instant.FromUtc(2031, 1, 1, 0, 0);
        await using var node = await NodeAsync();
        var log = new PostgreSqlChangeLog(node);
        await log.RecordAsync(Change(service, since, "at since", flagged: true));
        await log.RecordAsync(Change(service, since + Duration.FromMinutes(5), "later", flagged: true));
        await log.RecordAsync(Change(service, since + Duration.FromMinutes(6), "not flagged"));
        await log.RecordAsync(Change(service, since - Duration.FromTicks(1), "before", flagged: true));

        var flagged = (await log.FlaggedAsync(since)).Where(c => c.Service == service).ToList();

        Assert.Equal(["later", "at since"], flagged.Select(c => c.Summary));
        Assert.Equal("inside the overnight freeze", flagged[0].FlagReason);
        Assert.Null(flagged[0].Source);
    }

    [Fact]
    public async Task Record_InstantsAtNodaTimesLimits_RoundTrip()
    {
        var service = "svc-" + Guid.NewGuid().ToString("N")[..8];
        await using var node = await NodeAsync();
        var log = new PostgreSqlChangeLog(node);
        var earliest = Instant.FromUnixTimeTicks(Instant.MinValue.ToUnixTimeTicks());
        var latest = Instant.FromUnixTimeTicks(Instant.MaxValue.ToUnixTimeTicks());
        await log.RecordAsync(Change(service, earliest, "first"));
        await log.RecordAsync(Change(service, latest, "last"));

        var found = await log.ForServiceAsync(service, earliest, latest);

        Assert.Equal([earliest, latest], found.Select(c => c.At));
    }

    [Fact]
    public async Task Record_DatabaseUnreachable_ThrowsToTheCaller()
    {
        await using var nowhere = new ServiceDatabase("Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2");
        var unreachable = new PostgreSqlChangeLog(nowhere);

        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => unreachable.RecordAsync(Change("svc", At, "lost")));
    }
}

/// <summary>A change log that cannot keep anything: the intake answers 503 and records the refusal.</summary>
public sealed class UnkeptChangeTests
{
    [Fact]
    public async Task ChangeEnqueue_LogFails_503SendAgain_NothingAnswered202()
    {
        await using var host = new ServiceHost { TestServices = s => s.AddSingleton<IChangeLog>(new FailingChangeLog()) };
        using var client = host.CreateClient();
        var body = $$$"""{"routing_key":"{{{ServiceHost.RoutingKey}}}","payload":{"summary":"deploy checkout v42"}}""";

        var (status, answer) = await IntakeClient.PostJsonAsync(client, "/v2/change/enqueue", body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("send the event again", answer.GetProperty("errors").ToString(), StringComparison.Ordinal);
        var record = host.Journal.RecentIntakes().First(r => r.Source == "pagerduty-change");
        Assert.False(record.Accepted);
        Assert.Contains("could not keep it", record.Reason, StringComparison.Ordinal);
    }

    private sealed class FailingChangeLog : IChangeLog
    {
        public Task RecordAsync(ChangeRecord change, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("database down");

        public Task<IReadOnlyList<ChangeRecord>> ForServiceAsync(string service, Instant from, Instant to, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ChangeRecord>>([]);

        public Task<IReadOnlyList<ChangeRecord>> FlaggedAsync(Instant since, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ChangeRecord>>([]);
    }
}
