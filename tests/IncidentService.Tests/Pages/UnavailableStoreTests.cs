using System.Net;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentService.Tests.Pages;

/// <summary>When the event store cannot list the open incidents, both pages answer 503 with a plain page, never an
/// error page.</summary>
[Collection(ServiceHostCollection.Name)]
public sealed class UnavailableStoreTests
{
    [Theory]
    [InlineData("/status")]
    [InlineData("/")]
    public async Task Page_StoreDown_Answers503WithAPlainPage(string path)
    {
        await using var app = new ServiceHost { TestServices = services => services.AddSingleton<IIncidentEventStore, DownStore>() };
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Api-Key", ServiceHost.EngineerKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("The incident store cannot be reached right now", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed class DownStore : IIncidentEventStore
    {
        public Task<IReadOnlyList<IncidentEvent>> ReadAsync(string incidentId, CancellationToken cancellationToken = default) => throw Down();

        public Task<bool> AppendAsync(string incidentId, int expectedVersion, IncidentEvent incidentEvent, IncidentHead head, CancellationToken cancellationToken = default) => throw Down();

        public Task<IReadOnlyList<IncidentHead>> ListOpenAsync(CancellationToken cancellationToken = default) => throw Down();

        public Task<IReadOnlyList<IncidentHead>> ListEndedSinceAsync(NodaTime.Instant since, int limit, CancellationToken cancellationToken = default) => throw Down();

        public Task<string?> FindOpenByDedupKeyAsync(string dedupKey, CancellationToken cancellationToken = default) => throw Down();

        public Task SavePolicyAsync(string hash, string policyJson, CancellationToken cancellationToken = default) => throw Down();

        public Task<string?> ReadPolicyAsync(string hash, CancellationToken cancellationToken = default) => throw Down();

        private static IOException Down() => new("connection refused (the test's store is down)");
    }
}
