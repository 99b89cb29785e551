using IncidentPolicy;
using IncidentService.Intake;
using IncidentService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentService.Tests.Hosting;

/// <summary>The policy file the host is given is the one every part reads: the silo, the intakes' <c>default</c> policy
/// and the container's <see cref="ResponsePolicy"/> (the pages' on-call fallback) — never the seed's beside it.</summary>
public sealed class HostPolicyTests
{
    [Fact]
    public void PolicyPath_IntakesAndContainer_UseTheHostsPolicy()
    {
        var path = Path.Combine(Path.GetTempPath(), $"incident-service-policy-{Guid.NewGuid():N}.json");
        var policy = PolicyJson.Parse(PolicyJson.Serialize(ResponsePolicy.Default).Replace("\"PT5M\"", "\"PT6M\"", StringComparison.Ordinal));
        Assert.NotEqual(ResponsePolicy.Default.ContentHash, policy.ContentHash);
        File.WriteAllText(path, PolicyJson.Serialize(policy));
        try
        {
            using var host = new ServiceHost().Set("PolicyPath", path);

            var intakeDefault = host.Services.GetRequiredService<IntakePolicies>().Default;
            var containerPolicy = host.Services.GetRequiredService<ResponsePolicy>();

            Assert.Equal(policy.ContentHash, intakeDefault.ContentHash);
            Assert.Equal(policy.ContentHash, containerPolicy.ContentHash);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
