using System.Net;
using System.Text.Json;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentService.Tests.Api;

/// <summary>One open incident the service cannot read (its policy's text is missing from the store) does not hide
/// the others: the list leaves it out and answers 200.</summary>
[Collection(Pages.ServiceHostCollection.Name)]
public sealed class UnreadableIncidentListTests
{
    [Fact]
    public async Task List_OneIncidentWhosePolicyTheStoreLacks_LeftOutTheOthersListed()
    {
        var store = new InMemoryIncidentEventStore();
        var orphanPolicy = PolicyJson.Parse(PolicyJson.Serialize(ResponsePolicy.Default).Replace("\"PT5M\"", "\"PT7M\"", StringComparison.Ordinal));
        var raised = Incident.Raise(orphanPolicy, "INC-orphan", new RaiseAlert("db down", "db", "SEV-3"), new Actor("monitoring"), ServiceHost.Start).Incident!;
        await store.AppendAsync("INC-orphan", 0, raised.Events[0], new IncidentHead(
            raised.Id, raised.Version, raised.Status, raised.SeverityId, raised.Service, raised.Summary, raised.Title,
            raised.AlertAt, raised.LastEventAt, raised.PolicyHash, raised.DedupKey));
        await using var service = new ServiceHost { TestServices = s => s.AddSingleton<IIncidentEventStore>(store) };
        var readable = await service.RaiseAsync();
        using var client = service.ClientWithKey(ServiceHost.ManagerKey);

        using var response = await client.GetAsync(new Uri("/api/incidents", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var ids = list.RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal([readable], ids);
        Assert.Equal(2, (await store.ListOpenAsync()).Count);
    }
}
