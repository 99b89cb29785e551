using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Serialization;
using IncidentPolicy.Tests.Support;

namespace IncidentPolicy.Tests.Serialization;

public class PolicyJsonPropertyTests
{
    [Property(MaxTest = 200)]
    public Property Serialize_ThenParse_RoundTrips() =>
        Prop.ForAll(Generators.Policies.ToArbitrary(), policy =>
        {
            var json = PolicyJson.Serialize(policy);
            var parsed = PolicyJson.Parse(json);
            return PolicyJson.Serialize(parsed) == json
                && parsed.Calendar.Equals(policy.Calendar)
                && parsed.Severities.Select(s => (s.Id, s.Rank, s.Name, s.Acknowledge, s.Respond, s.StatusUpdates, s.PostMortem))
                    .SequenceEqual(policy.Severities.Select(s => (s.Id, s.Rank, s.Name, s.Acknowledge, s.Respond, s.StatusUpdates, s.PostMortem)))
                && parsed.Roles.SequenceEqual(policy.Roles)
                // Paths differ when the levels were given out of rank order: they index the input as given.
                && parsed.Warnings.Select(w => w.Reason).SequenceEqual(policy.Warnings.Select(w => w.Reason));
        });
}
