using IncidentPolicy.Lifecycle;
using IncidentService.Shared;

namespace IncidentService.Tests.Pages;

/// <summary>API keys for the page tests (the host's own implementation belongs to another part of the service).</summary>
internal sealed class TestApiKeys(IReadOnlyDictionary<string, Actor> keys) : IApiKeyActors
{
    public Actor? Find(string apiKey) => keys.GetValueOrDefault(apiKey);
}
