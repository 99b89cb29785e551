using System.Net;
using IncidentService.Intake.Changes;
using IncidentService.Shared;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace IncidentService.Tests.Intake;

[Collection("Intake")]
public sealed class ChangeEventTests(ServiceHost factory) : IClassFixture<ServiceHost>
{
    private static string Change(string summary, string? timestamp, string? approvedBy = null, string service = ServiceHost.RoutingKey)
    {
        var time = timestamp is null ? "" : $",\"timestamp\":\"{timestamp}\"";
        var details = approvedBy is null ? "{}" : $"{{\"approved_by\":\"{approvedBy}\"}}";
        return $$$"""
            {"routing_key":"{{{service}}}","payload":{"summary":"{{{summary}}}","source":"ci"{{{time}}},"custom_details":{{{details}}}},
             "links":[{"href":"https://ci.example/build/42","text":"build 42"}]}
            """;
    }

    [Fact]
    public async Task ChangeEnqueue_InDaytime_RecordedNotFlaggedAndShownBeforeTheAlert()
    {
        using var client = factory.CreateClient();

        var (status, body) = await IntakeClient.PostJsonAsync(client, "/v2/change/enqueue", Change("deploy checkout v41", "2026-05-29T12:30:00.000+0000"));
        await IntakeClient.PostJsonAsync(client, "/v2/change/enqueue", Change("deploy checkout v40", "2026-05-29T11:00:00Z"));
        await IntakeClient.PostJsonAsync(client, "/v2/enqueue", IntakeClient.Trigger("change-alert-1"));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("success", body.GetProperty("status").GetString());
        var incidentId = factory.Journal.RecentIntakes().First(r => r.DedupKey == "change-alert-1").IncidentId!;
        var changes = await factory.Services.GetRequiredService<IncidentChanges>().BeforeAlertAsync(incidentId);
        var change = Assert.Single(changes);
        Assert.Equal("deploy checkout v41", change.Summary);
        Assert.Equal(Instant.FromUtc(2026, 5, 29, 12, 30), change.At);
        Assert.Equal("checkout", change.Service);
        Assert.Equal("ci", change.Source);
        Assert.False(change.Flagged);
    }

    [Fact]
    public async Task ChangeEnqueue_InsideTheOvernightFreezeWithoutApproval_Flagged()
    {
        using var client = factory.CreateClient();

        var (status, _) = await IntakeClient.PostJsonAsync(client, "/v2/change/enqueue", Change("night deploy", "2026-05-29T03:45:00Z"));

        Assert.Equal(HttpStatusCode.Accepted, status);
        var flagged = await factory.Services.GetRequiredService<IChangeLog>().FlaggedAsync(Instant.FromUtc(2026, 5, 29, 0, 0));
        var change = Assert.Single(flagged, c => c.Summary == "night deploy");
        Assert.Contains("overnight-freeze", change.FlagReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("emery", false)]
    [InlineData("alex", true)]
    [InlineData("somebody-unknown", true)]
    public async Task ChangeEnqueue_InsideTheFreezeApprovedBy_FlaggedUnlessTheApproverHoldsAnApprovingRole(string approver, bool flagged)
    {
        using var client = factory.CreateClient();
        var summary = $"approved deploy {approver}";

        await IntakeClient.PostJsonAsync(client, "/v2/change/enqueue", Change(summary, "2026-05-28T02:00:00Z", approver));

        var changes = await factory.Services.GetRequiredService<IChangeLog>()
            .ForServiceAsync("checkout", Instant.FromUtc(2026, 5, 28, 0, 0), Instant.FromUtc(2026, 5, 28, 6, 0));
        var change = Assert.Single(changes, c => c.Summary == summary);
        Assert.Equal(flagged, change.Flagged);
    }

    [Fact]
    public async Task ChangeEnqueue_RoutingKeyWithoutService_400()
    {
        using var client = factory.CreateClient();

        var (status, body) = await IntakeClient.PostJsonAsync(client, "/v2/change/enqueue", Change("deploy", null, service: ServiceHost.NoServiceKey));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("no service", body.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InMemoryChangeLog_ConcurrentWrites_AllKeptInOrder()
    {
        var log = new InMemoryChangeLog();
        var start = Instant.FromUtc(2026, 5, 29, 0, 0);

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
            Task.Run(() => log.RecordAsync(new ChangeRecord(start + Duration.FromSeconds(499 - i), "svc", $"c{i}", null, i % 2 == 0, null)))));

        var all = await log.ForServiceAsync("svc", start, start + Duration.FromHours(1));
        Assert.Equal(500, all.Count);
        Assert.Equal(all.Select(c => c.At).Order(), all.Select(c => c.At));
        Assert.Equal(250, (await log.FlaggedAsync(start)).Count);
    }
}
