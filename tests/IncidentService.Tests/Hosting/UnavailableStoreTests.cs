using System.Net;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Storage;
using IncidentService.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentService.Tests.Hosting;

/// <summary>An event store that does not answer: the service says so (503 problem details, not ready), and never
/// answers with a stack trace.</summary>
public sealed class UnavailableStoreTests : IAsyncLifetime
{
    private readonly ServiceHost _service = new() { TestServices = s => s.AddSingleton<IIncidentEventStore>(new UnreachableStore()) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Readyz_StoreUnreachable_Answers503WithTheReason()
    {
        using var client = _service.ClientWithKey(null);

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("event store: TimeoutException", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetIncident_StoreUnreachable_Answers503ProblemWithoutAStackTrace()
    {
        using var client = _service.ClientWithKey(ServiceHost.EngineerKey);

        using var response = await client.GetAsync(new Uri("/api/incidents/INC-1", UriKind.Relative));

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "service.unavailable");
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("   at ", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
    }

    private sealed class UnreachableStore : IIncidentEventStore
    {
        public Task<IReadOnlyList<IncidentEvent>> ReadAsync(string incidentId, CancellationToken cancellationToken = default) => Fail<IReadOnlyList<IncidentEvent>>();

        public Task<bool> AppendAsync(string incidentId, int expectedVersion, IncidentEvent incidentEvent, IncidentHead head, CancellationToken cancellationToken = default) => Fail<bool>();

        public Task<IReadOnlyList<IncidentHead>> ListOpenAsync(CancellationToken cancellationToken = default) => Fail<IReadOnlyList<IncidentHead>>();

        public Task<IReadOnlyList<IncidentHead>> ListEndedSinceAsync(NodaTime.Instant since, int limit, CancellationToken cancellationToken = default) => Fail<IReadOnlyList<IncidentHead>>();

        public Task<string?> FindOpenByDedupKeyAsync(string dedupKey, CancellationToken cancellationToken = default) => Fail<string?>();

        public Task SavePolicyAsync(string hash, string policyJson, CancellationToken cancellationToken = default) => Fail<bool>();

        public Task<string?> ReadPolicyAsync(string hash, CancellationToken cancellationToken = default) => Fail<string?>();

        private static Task<T> Fail<T>() => Task.FromException<T>(new TimeoutException("the event store did not answer (test)"));
    }
}
