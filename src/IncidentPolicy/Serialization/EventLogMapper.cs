using System.Globalization;
using System.Text.Json;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Serialization;

/// <summary>
/// Maps one event object of an event log to an <see cref="IncidentEvent"/>, stopping at the first problem.
/// Checks run in this order, so the reported problem is predictable: an object, no duplicate keys, a known
/// <c>type</c>, no unknown fields, <c>at</c>, <c>by</c>, then the event's fields in the record's order.
/// </summary>
internal static class EventLogMapper
{
    /// <summary>Each event type with its fields in the record's (and the log's) order, after type, at and by.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> FieldsByType = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["alertFired"] = ["summary", "service", "severity", "policyHash"],
        ["acknowledged"] = [],
        ["declared"] = ["severity", "title"],
        ["commanderAssigned"] = ["person"],
        ["roleAssigned"] = ["role", "person"],
        ["severityChanged"] = ["severity", "reason"],
        ["statusUpdatePosted"] = ["audience", "message"],
        ["impactRecorded"] = ["metric", "value", "unit"],
        ["flagRaised"] = ["flag"],
        ["mitigated"] = ["summary"],
        ["resolved"] = ["summary"],
        ["reopened"] = ["reason"],
        ["postMortemScheduled"] = ["for"],
        ["postMortemPublished"] = [],
        ["actionItemAdded"] = ["id", "action", "owner", "due"],
        ["actionItemCompleted"] = ["id"],
        ["actionItemStatusChanged"] = ["id", "status", "reason"],
        ["closed"] = [],
        ["declined"] = ["reason"],
        ["merged"] = ["into"],
        ["noteAdded"] = ["text"],
        ["notificationSent"] = ["key", "target"],
        ["reminderSent"] = ["key"],
    };

    private static readonly string TypeList = string.Join(", ", FieldsByType.Keys);

    /// <summary>Reads an event; on failure returns null with the offending value's path and the reason.</summary>
    /// <param name="element">The event's JSON value.</param>
    /// <param name="path">The event's own path: <c>$</c> for a JSON Lines line, <c>$.events[3]</c> in a document.</param>
    /// <param name="errorPath">The offending value's path, when the event is bad.</param>
    /// <param name="reason">Why the event is bad; empty when it is not.</param>
    public static IncidentEvent? ToEvent(JsonElement element, string path, out string errorPath, out string reason)
    {
        var fields = new FieldReader(element, path);
        IncidentEvent? result = null;
        try
        {
            result = Read(fields);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json cannot turn a \uD800-style escape of a lone surrogate into a .NET string.
            fields.Fail(null, "the event contains text that is not valid Unicode: a lone surrogate escape such as \\ud800");
        }

        errorPath = fields.ErrorPath ?? path;
        reason = fields.ErrorReason ?? "";
        return fields.Failed ? null : result;
    }

    private static IncidentEvent? Read(FieldReader f)
    {
        if (f.Element.ValueKind != JsonValueKind.Object)
        {
            f.Fail(null, $"an event must be a JSON object, not {Describe(f.Element.ValueKind)}");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in f.Element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                f.Fail(property.Name, $"duplicate key '{property.Name}'; each key may appear once");
                return null;
            }
        }

        if (!f.Element.TryGetProperty("type", out var typeValue))
        {
            f.Fail("type", $"type is required: one of {TypeList}");
            return null;
        }

        if (typeValue.ValueKind != JsonValueKind.String)
        {
            f.Fail("type", $"type must be a string, not {Describe(typeValue.ValueKind)}");
            return null;
        }

        var type = typeValue.GetString()!;
        if (!FieldsByType.TryGetValue(type, out var known))
        {
            f.Fail("type", $"'{type}' is not an event type; the types are {TypeList}");
            return null;
        }

        foreach (var property in f.Element.EnumerateObject())
        {
            if (property.Name is not ("type" or "at" or "by") && Array.IndexOf(known, property.Name) < 0)
            {
                var expected = known.Length == 0 ? "only type, at and by" : "type, at, by, " + string.Join(", ", known);
                f.Fail(property.Name, $"unknown field '{property.Name}'; {type} events have {expected}");
                return null;
            }
        }

        var at = f.Instant("at");
        var by = f.Required("by");
        if (f.Failed)
        {
            return null;
        }

        IncidentEvent result = type switch
        {
            "alertFired" => new AlertFired(at, by, f.Required("summary"), f.Optional("service"), f.Optional("severity"), f.Optional("policyHash")),
            "acknowledged" => new Acknowledged(at, by),
            "declared" => new Declared(at, by, f.Required("severity"), f.Required("title")),
            "commanderAssigned" => new CommanderAssigned(at, by, f.Required("person")),
            "roleAssigned" => new RoleAssigned(at, by, f.Required("role"), f.Required("person")),
            "severityChanged" => new SeverityChanged(at, by, f.Required("severity"), f.Optional("reason")),
            "statusUpdatePosted" => new StatusUpdatePosted(at, by, f.Audience("audience"), f.Required("message")),
            "impactRecorded" => new ImpactRecorded(at, by, f.Required("metric"), f.Decimal("value"), f.Optional("unit")),
            "flagRaised" => new FlagRaised(at, by, f.Required("flag")),
            "mitigated" => new Mitigated(at, by, f.Optional("summary")),
            "resolved" => new Resolved(at, by, f.Optional("summary")),
            "reopened" => new Reopened(at, by, f.Optional("reason")),
            "postMortemScheduled" => new PostMortemScheduled(at, by, f.Instant("for")),
            "postMortemPublished" => new PostMortemPublished(at, by),
            "actionItemAdded" => new ActionItemAdded(at, by, f.Required("id"), f.Required("action"), f.Required("owner"), f.Date("due")),
            "actionItemCompleted" => new ActionItemCompleted(at, by, f.Required("id")),
            "actionItemStatusChanged" => new ActionItemStatusChanged(at, by, f.Required("id"), f.Status("status"), f.Optional("reason")),
            "closed" => new Closed(at, by),
            "declined" => new Declined(at, by, f.Optional("reason")),
            "merged" => new Merged(at, by, f.Required("into")),
            "noteAdded" => new NoteAdded(at, by, f.Required("text")),
            "notificationSent" => new NotificationSent(at, by, f.Required("key"), f.Required("target")),
            "reminderSent" => new ReminderSent(at, by, f.Required("key")),
            _ => throw new InvalidOperationException($"event type '{type}' has fields but no mapping"),
        };
        return f.Failed ? null : result;
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>
    /// Whether a JSON number's text and the decimal read from it are the same number, digit for digit: a decimal
    /// holds 28–29 significant digits, and a longer number would otherwise be rounded without a word.
    /// </summary>
    public static bool IsExact(string jsonNumber, decimal value) =>
        Normalize(jsonNumber) == Normalize(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A number's sign, significant digits and the power of ten of its last digit; zero is "0".</summary>
    private static string Normalize(string number)
    {
        var negative = number.StartsWith('-');
        var body = negative ? number[1..] : number;
        var exponent = 0;
        var e = body.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(body.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return "inexact";
            }

            body = body[..e];
        }

        var point = body.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? body : body.Remove(point, 1);
        exponent -= point < 0 ? 0 : body.Length - point - 1;
        var trimmedEnd = digits.TrimEnd('0');
        exponent += digits.Length - trimmedEnd.Length;
        var significant = trimmedEnd.TrimStart('0');
        return significant.Length == 0
            ? "0"
            : string.Create(CultureInfo.InvariantCulture, $"{(negative ? "-" : "")}{significant}e{exponent}");
    }

    /// <summary>Reads the fields of one event object and remembers the first problem; after it, every read
    /// answers a default value and changes nothing.</summary>
    private sealed class FieldReader(JsonElement element, string path)
    {
        public JsonElement Element { get; } = element;

        public string? ErrorPath { get; private set; }

        public string? ErrorReason { get; private set; }

        public bool Failed => ErrorReason is not null;

        public void Fail(string? key, string reason)
        {
            if (!Failed)
            {
                ErrorPath = key is null ? path : JsonPaths.Member(path, key);
                ErrorReason = reason;
            }
        }

        public string Required(string key)
        {
            if (Failed)
            {
                return "";
            }

            if (!Element.TryGetProperty(key, out var value))
            {
                Fail(key, $"{key} is required");
                return "";
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    var text = value.GetString()!;
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        Fail(key, $"{key} may not be blank");
                    }

                    return text;
                case JsonValueKind.Null:
                    Fail(key, $"{key} is required and may not be null");
                    return "";
                default:
                    Fail(key, $"{key} must be a string, not {Describe(value.ValueKind)}");
                    return "";
            }
        }

        public string? Optional(string key)
        {
            if (Failed || !Element.TryGetProperty(key, out var value))
            {
                return null;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return value.GetString();
                case JsonValueKind.Null:
                    return null;
                default:
                    Fail(key, $"{key} must be a string or null, not {Describe(value.ValueKind)}");
                    return null;
            }
        }

        public Instant Instant(string key)
        {
            var text = RequiredRaw(key, "an instant like 2026-05-30T15:00:00Z");
            if (text is null)
            {
                return default;
            }

            if (!IsoText.TryParseInstant(text, out var instant, out var reason))
            {
                Fail(key, reason);
            }
            else if (!Limits.Contains(instant))
            {
                Fail(key, TimeMath.OutsideRange(instant).TrimEnd('.'));
            }

            return instant;
        }

        public LocalDate Date(string key)
        {
            var text = RequiredRaw(key, "a date like 2026-06-05");
            if (text is null)
            {
                return default;
            }

            if (!IsoText.TryParseLocalDate(text, out var date, out var reason))
            {
                Fail(key, reason);
            }
            else if (!Limits.Contains(date))
            {
                Fail(key, TimeMath.OutsideRange(date).TrimEnd('.'));
            }

            return date;
        }

        public StatusAudience Audience(string key) => RequiredRaw(key, "internal or external") switch
        {
            null => default,
            "internal" => StatusAudience.Internal,
            "external" => StatusAudience.External,
            var other => FailWith<StatusAudience>(key, $"'{other}' is not an audience; write internal or external"),
        };

        public ActionItemStatus Status(string key) => RequiredRaw(key, "open, inProgress, done or wontDo") switch
        {
            null => default,
            "open" => ActionItemStatus.Open,
            "inProgress" => ActionItemStatus.InProgress,
            "done" => ActionItemStatus.Done,
            "wontDo" => ActionItemStatus.WontDo,
            var other => FailWith<ActionItemStatus>(key, $"'{other}' is not an action item status; write open, inProgress, done or wontDo"),
        };

        public decimal Decimal(string key)
        {
            if (Failed)
            {
                return 0;
            }

            if (!Element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                Fail(key, $"{key} is required: a number");
                return 0;
            }

            if (value.ValueKind != JsonValueKind.Number)
            {
                Fail(key, $"{key} must be a number, not {Describe(value.ValueKind)}");
                return 0;
            }

            var raw = value.GetRawText();
            if (!value.TryGetDecimal(out var number) || !IsExact(raw, number))
            {
                Fail(key, $"{raw} cannot be held exactly as a decimal, which keeps 28 to 29 significant digits and stays below 7.9e28");
                return 0;
            }

            return number;
        }

        /// <summary>A required string value of a field whose text is parsed further; null after a problem.</summary>
        private string? RequiredRaw(string key, string expected)
        {
            if (Failed)
            {
                return null;
            }

            if (!Element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                Fail(key, $"{key} is required: {expected}");
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Fail(key, $"{key} must be a string, {expected}; not {Describe(value.ValueKind)}");
                return null;
            }

            return value.GetString()!;
        }

        private T FailWith<T>(string key, string reason)
            where T : struct
        {
            Fail(key, reason);
            return default;
        }
    }
}
