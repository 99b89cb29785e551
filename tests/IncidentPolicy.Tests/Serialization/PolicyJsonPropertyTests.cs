using System.Text.Json.Nodes;
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
                && parsed.Severities.Select(s => (s.Id, s.Rank, s.Name, s.AcknowledgementTarget, s.ResponseTarget, s.StatusUpdates, s.PostMortem))
                    .SequenceEqual(policy.Severities.Select(s => (s.Id, s.Rank, s.Name, s.AcknowledgementTarget, s.ResponseTarget, s.StatusUpdates, s.PostMortem)))
                && parsed.Roles.SequenceEqual(policy.Roles)
                // Paths differ when the levels were given out of rank order: they index the input as given.
                && parsed.Warnings.Select(w => w.Reason).SequenceEqual(policy.Warnings.Select(w => w.Reason));
        });

    [Property(MaxTest = 100)]
    public Property ExtendsSeed_FileWritingEverySection_TakesNothingFromTheSeed() =>
        Prop.ForAll(IncidentGen.Policies.ToArbitrary(), policy =>
        {
            var json = PolicyJson.Serialize(policy);
            var tree = JsonNode.Parse(json)!.AsObject();
            tree["extends"] = "seed";
            return PolicyJson.Serialize(PolicyJson.Parse(tree.ToJsonString())) == json;
        });

    [Property(MaxTest = 100)]
    public Property ExtendsSeed_EachSectionLeftOut_IsTheSeedsWhole() =>
        Prop.ForAll(
            Gen.Elements("lifecycle", "escalation", "severitySuggestion", "people", "schedules", "changeWindows", "runbooks").ToArbitrary(),
            IncidentGen.Policies.ToArbitrary(),
            (section, policy) =>
            {
                var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();
                var own = JsonNode.Parse(PolicyJson.Serialize(policy))!.AsObject();
                foreach (var key in (string[])["roles", "calendar", "severities"])
                {
                    tree[key] = own[key]!.DeepClone();
                }

                var seedSection = tree[section]!.ToJsonString();
                tree.Remove(section);
                tree["extends"] = "seed";
                if (!PolicyJson.TryParse(tree.ToJsonString(), out var parsed, out var problems))
                {
                    // The seed's section may name what the generated policy lacks: then every problem says so, at the section.
                    return problems.Where(p => p.Path == "$." + section).All(p => p.Reason.Contains("(extends: seed)", StringComparison.Ordinal));
                }

                return JsonNode.Parse(PolicyJson.Serialize(parsed))![section]!.ToJsonString() == seedSection;
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

    /// <summary>What accepted must survive: a policy that Parse accepts serializes to a text that Parse reads back
    /// into a policy that serializes to the same text.</summary>
    private static bool AcceptedRoundTrips(string json)
    {
        if (!PolicyJson.TryParse(json, out var policy, out var problems))
        {
            return problems.Count > 0 && problems.All(p => p.Path.StartsWith('$') && p.Reason.Length > 0);
        }

        var written = PolicyJson.Serialize(policy);
        return PolicyJson.TryParse(written, out var reread, out _) && PolicyJson.Serialize(reread) == written;
    }

    [Property(MaxTest = 300)]
    public Property TryParse_EditedDocument_WhenAccepted_RoundTrips() =>
        Prop.ForAll(EditedDocuments.ToArbitrary(), AcceptedRoundTrips);

    // Values at the edges of what a policy file can carry: control characters, line breaks, long texts, dates and
    // instants at and past the ends of Limits, durations at and past MaxDuration, zones far from UTC, odd numbers.
    private static readonly JsonNode?[] HostileValues =
    [
        "\u0001", "two\nlines", "tab\there", "quote\" and back\\slash", "😀 Ünïcödé", "", " ", new string('a', 257), new string('x', 66_000),
        "0001-01-01", "1899-12-31", "1900-01-01", "2200-12-31", "2201-01-01", "9999-12-31", "--02-29", "--02-30",
        "0001-01-01T00:00Z", "1900-01-01T00:00Z", "2200-12-31T23:59:59.999999999Z", "2201-01-01T00:00Z", "9999-12-31T23:59:59Z",
        "0001-01-01T00:00", "2200-12-31T23:59:59", "9999-12-31T23:59",
        "P36525D", "P36526D", "PT0.000000001S", "-PT1M", "PT0S", "P1W", "P53W", "PT59M",
        "24:00", "23:59:59", "00:00", "America/St_Johns", "Pacific/Kiritimati", "UTC+05", "Mars/Olympus",
        0, -1, 21, 2147483647, 1e28m, 0.5m, true, false, null,
    ];

    /// <summary>Every value of the default policy document (not objects or arrays), as a way to set it.</summary>
    private static List<Action<JsonNode?>> Slots(JsonNode node)
    {
        var slots = new List<Action<JsonNode?>>();
        void Walk(JsonNode? current)
        {
            switch (current)
            {
                case JsonObject o:
                    foreach (var (key, value) in o.ToList())
                    {
                        if (value is JsonObject or JsonArray)
                        {
                            Walk(value);
                        }

                        slots.Add(v => o[key] = v);
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        var index = i;
                        Walk(a[i]);
                        slots.Add(v => a[index] = v);
                    }

                    break;
            }
        }

        Walk(node);
        return slots;
    }

    private static readonly int SlotCount = Slots(JsonNode.Parse(DefaultJson)!).Count;

    // One to four values of the default document replaced by hostile ones, and now and then a list grown by copies
    // of its items (duplicate ids, large sections) or a string turned into an escaped lone surrogate.
    private static readonly Gen<string> MutatedDocuments =
        from count in Gen.Choose(1, 4)
        from edits in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, SlotCount - 1), Gen.Choose(0, HostileValues.Length - 1)), count)
        from grow in Gen.Choose(0, 3)
        from growBy in Gen.Choose(1, 40)
        from surrogate in Gen.Choose(0, 9)
        select Mutate(edits, grow == 0 ? growBy : 0, surrogate == 0);

    private static string Mutate((int Slot, int Value)[] edits, int growBy, bool loneSurrogate)
    {
        var tree = JsonNode.Parse(DefaultJson)!;
        var slots = Slots(tree);
        foreach (var (slot, value) in edits)
        {
            slots[slot](HostileValues[value]?.DeepClone());
        }

        if (growBy > 0 && tree["escalation"] is JsonObject escalation && escalation["rules"] is JsonArray rules && rules.Count > 0 && rules[0] is { } first)
        {
            for (var i = 0; i < growBy; i++)
            {
                rules.Add(first.DeepClone());
            }
        }

        var json = tree.ToJsonString();
        return loneSurrogate ? json.Replace("\"Critical\"", "\"Crit\\ud800ical\"", StringComparison.Ordinal) : json;
    }

    [Property(MaxTest = 400)]
    public Property TryParse_DocumentWithHostileValues_NeverThrows_AndWhenAccepted_RoundTrips() =>
        Prop.ForAll(MutatedDocuments.ToArbitrary(), AcceptedRoundTrips);

    [Property(MaxTest = 200)]
    public Property TryParse_GeneratedPolicyWithHostileValues_WhenAccepted_RoundTrips() =>
        Prop.ForAll(
            IncidentGen.Policies.ToArbitrary(),
            Gen.Choose(0, HostileValues.Length - 1).ToArbitrary(),
            Gen.Choose(0, 1000).ToArbitrary(),
            (policy, value, pick) =>
            {
                var tree = JsonNode.Parse(PolicyJson.Serialize(policy))!;
                var slots = Slots(tree);
                slots[pick % slots.Count](HostileValues[value]?.DeepClone());
                return AcceptedRoundTrips(tree.ToJsonString());
            });
}
