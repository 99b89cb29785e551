using System.Text.Json;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Serialization;

/// <summary>Reads the fields of one JSON object — an event of the log, or a command — and remembers the first problem;
/// after it, every read answers a default value and changes nothing. Reasons name the key; the path locates it.</summary>
internal sealed class JsonFieldReader(JsonElement element, string path)
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

    /// <summary>Whether the element is a JSON object with each key once; otherwise fails, naming
    /// <paramref name="noun"/> (<c>an event</c>, <c>a command</c>) or the duplicate key.</summary>
    public bool IsObjectWithUniqueKeys(string noun)
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            Fail(null, $"{noun} must be a JSON object, not {EventLogMapper.Describe(Element.ValueKind)}");
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in Element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                Fail(property.Name, $"duplicate key '{property.Name}'; each key may appear once");
                return false;
            }
        }

        return true;
    }

    /// <summary>The value of <paramref name="field"/>, keyed <paramref name="key"/>, as <see cref="EventType.Create"/>
    /// takes it: text (required ones not blank), an instant or date within <see cref="Limits"/>, an exact decimal or
    /// an enum value.</summary>
    public object? Field(EventField field, string key) => field.Kind switch
    {
        EventFieldKind.Text => field.Optional ? Optional(key) : Required(key),
        EventFieldKind.Instant => Instant(key),
        EventFieldKind.Date => Date(key),
        EventFieldKind.Decimal => Decimal(key),
        _ => Choice(key, field.Choice!),
    };

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
                Fail(key, $"{key} must be a string, not {EventLogMapper.Describe(value.ValueKind)}");
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
                Fail(key, $"{key} must be a string or null, not {EventLogMapper.Describe(value.ValueKind)}");
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

    /// <summary>An enum value, written as one of <paramref name="choice"/>'s names; null after a problem.</summary>
    public object? Choice(string key, EventChoice choice)
    {
        var text = RequiredRaw(key, choice.Expected);
        if (text is null)
        {
            return null;
        }

        var value = choice.Read(text);
        if (value is null)
        {
            Fail(key, $"'{text}' is not {choice.Noun}; write {choice.Expected}");
        }

        return value;
    }

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
            Fail(key, $"{key} must be a number, not {EventLogMapper.Describe(value.ValueKind)}");
            return 0;
        }

        var raw = value.GetRawText();
        if (!value.TryGetDecimal(out var number) || !EventLogMapper.IsExact(raw, number))
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
            Fail(key, $"{key} must be a string, {expected}; not {EventLogMapper.Describe(value.ValueKind)}");
            return null;
        }

        return value.GetString()!;
    }
}
