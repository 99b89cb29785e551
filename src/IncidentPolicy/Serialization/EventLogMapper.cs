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
    /// <summary>Reads an event; on failure returns null with the offending value's path and the reason.</summary>
    /// <param name="element">The event's JSON value.</param>
    /// <param name="path">The event's own path: <c>$</c> for a JSON Lines line, <c>$.events[3]</c> in a document.</param>
    /// <param name="errorPath">The offending value's path, when the event is bad.</param>
    /// <param name="reason">Why the event is bad; empty when it is not.</param>
    public static IncidentEvent? ToEvent(JsonElement element, string path, out string errorPath, out string reason)
    {
        var fields = new JsonFieldReader(element, path);
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

    private static IncidentEvent? Read(JsonFieldReader f)
    {
        if (!f.IsObjectWithUniqueKeys("an event"))
        {
            return null;
        }

        if (!f.Element.TryGetProperty("type", out var typeValue))
        {
            f.Fail("type", $"type is required: one of {EventCatalogue.NameList}");
            return null;
        }

        if (typeValue.ValueKind != JsonValueKind.String)
        {
            f.Fail("type", $"type must be a string, not {Describe(typeValue.ValueKind)}");
            return null;
        }

        var name = typeValue.GetString()!;
        if (EventCatalogue.Find(name) is not { } type)
        {
            f.Fail("type", $"'{name}' is not an event type; the types are {EventCatalogue.NameList}");
            return null;
        }

        foreach (var property in f.Element.EnumerateObject())
        {
            if (property.Name is not ("type" or "at" or "by") && type.Field(property.Name) is null)
            {
                var expected = type.Fields.IsEmpty ? "only type, at and by" : "type, at, by, " + string.Join(", ", type.Fields.Select(field => field.Name));
                f.Fail(property.Name, $"unknown field '{property.Name}'; {name} events have {expected}");
                return null;
            }
        }

        var at = f.Instant("at");
        var by = f.Required("by");
        var values = new object?[type.Fields.Length];
        for (var i = 0; i < values.Length && !f.Failed; i++)
        {
            values[i] = f.Field(type.Fields[i], type.Fields[i].Name);
        }

        return f.Failed ? null : type.Create(at, by, values);
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
}
