using IncidentPolicy;
using IncidentPolicy.Serialization;

namespace PolicyTests.Tests;

/// <summary>Our incident-response policy, read from policy.json (copied next to the tests).</summary>
internal static class MyPolicy
{
    public static ResponsePolicy Policy { get; } = PolicyJson.Load(Path.Combine(AppContext.BaseDirectory, "policy.json"));
}
