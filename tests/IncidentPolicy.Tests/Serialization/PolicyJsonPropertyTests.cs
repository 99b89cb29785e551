using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Serialization;
using IncidentPolicy.Testing;

namespace IncidentPolicy.Tests.Serialization;

public class PolicyJsonPropertyTests
{
    [Property(MaxTest = 200)]
    public Property Serialize_ThenParse_RoundTrips() =>
        Prop.ForAll(IncidentGen.Policies.ToArbitrary(), policy =>
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

    private static readonly string DefaultJson = PolicyJson.Serialize(ResponsePolicy.Default);

    // Small edits of a valid document: deleting, duplicating or replacing a span with JSON-ish debris.
    private static readonly string[] Debris = ["", "null", "-", "0", "\"", "{", "}", "[", "]", ",", ":", "true", "\"PT-5M\"", "\"24:00\"", "1e999", "\\u0000", "\"x\": 1,"];

    private static readonly Gen<string> EditedDocuments =
        from edits in Gen.Choose(1, 4)
        from spans in Gen.ArrayOf(
            from start in Gen.Choose(0, DefaultJson.Length - 1)
            from length in Gen.Choose(0, 12)
            from debris in Gen.Elements(Debris)
            select (start, length, debris),
            edits)
        select spans.OrderByDescending(s => s.start).Aggregate(DefaultJson, (json, edit) =>
        {
            var length = Math.Min(edit.length, json.Length - edit.start);
            return json.Remove(edit.start, length).Insert(edit.start, edit.debris);
        });

    [Property(MaxTest = 500)]
    public Property TryParse_EditedDocument_NeverThrows_AndAnswersWithProblemsOrPolicy() =>
        Prop.ForAll(EditedDocuments.ToArbitrary(), json =>
        {
            var ok = PolicyJson.TryParse(json, out var policy, out var problems);
            return ok
                ? policy is not null && problems.Count == 0
                : policy is null && problems.Count > 0 && problems.All(p => p.Path.StartsWith('$') && p.Reason.Length > 0);
        });
}
