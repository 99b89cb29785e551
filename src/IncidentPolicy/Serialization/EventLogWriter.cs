using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Serialization;

/// <summary>Writes events in the log's key order: type, at, by, then the record's fields, every one present but a
/// field added to the format later, which is left out when null.</summary>
internal static class EventLogWriter
{
    /// <summary>Compact, with non-ASCII text as is: the form of a JSON Lines log and of a command.</summary>
    internal static readonly JsonWriterOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly JsonWriterOptions Indented = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
        IndentSize = 2,
        IndentCharacter = ' ',
        NewLine = "\n",
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Line(IncidentEvent incidentEvent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            Write(writer, incidentEvent);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Lines(IEnumerable<IncidentEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, Compact);
        foreach (var incidentEvent in events)
        {
            Write(writer, incidentEvent);
            writer.Flush();
            buffer.Write("\n"u8);
            writer.Reset(buffer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Document(string incidentId, IEnumerable<IncidentEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            writer.WriteStartObject();
            writer.WriteNumber("formatVersion", EventLogJson.FormatVersion);
            writer.WriteString("incident", incidentId);
            writer.WriteStartArray("events");
            foreach (var incidentEvent in events)
            {
                Write(writer, incidentEvent);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, IncidentEvent incidentEvent)
    {
        ArgumentNullException.ThrowIfNull(incidentEvent);
        var type = EventCatalogue.Of(incidentEvent) ?? throw new ArgumentException(
            $"{incidentEvent.GetType().Name} is not an event type of the log; the log holds the library's own event records only",
            nameof(incidentEvent));
        writer.WriteStartObject();
        writer.WriteString("type", type.Name);
        writer.WriteString("at", IsoText.FormatInstant(incidentEvent.At));
        if (!IsValidUnicode(incidentEvent.By))
        {
            throw new ArgumentException("The actor's id is not valid Unicode: it has a lone surrogate.", nameof(incidentEvent));
        }

        writer.WriteString("by", incidentEvent.By);
        foreach (var field in type.Fields)
        {
            WriteField(writer, field, field.Name, incidentEvent);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one field of <paramref name="incidentEvent"/> under <paramref name="key"/>, or nothing when it is
    /// null and <see cref="EventField.OmittedWhenNull"/>.</summary>
    /// <exception cref="ArgumentException">A text holds a lone surrogate, which the JSON writer would silently turn into
    /// U+FFFD: refused rather than changed.</exception>
    internal static void WriteField(Utf8JsonWriter writer, EventField field, string key, IncidentEvent incidentEvent)
    {
        switch (field.Kind)
        {
            case EventFieldKind.Text:
                if (field.Text(incidentEvent) is { } text)
                {
                    if (!IsValidUnicode(text))
                    {
                        throw new ArgumentException($"The {key} is not valid Unicode: it has a lone surrogate.", nameof(incidentEvent));
                    }

                    writer.WriteString(key, text);
                }
                else if (!field.OmittedWhenNull)
                {
                    writer.WriteNull(key);
                }

                break;
            case EventFieldKind.Instant:
                writer.WriteString(key, IsoText.FormatInstant(field.Instant(incidentEvent)));
                break;
            case EventFieldKind.Date:
                writer.WriteString(key, field.Date(incidentEvent).ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture));
                break;
            case EventFieldKind.Decimal:
                writer.WriteNumber(key, field.Decimal(incidentEvent));
                break;
            default:
                writer.WriteString(key, field.Choice!.Write(field.ChoiceValue(incidentEvent)));
                break;
        }
    }

    /// <summary>Whether <paramref name="text"/> is valid UTF-16: no lone surrogate.</summary>
    internal static bool IsValidUnicode(string? text)
    {
        if (text is null)
        {
            return true;
        }

        try
        {
            _ = StrictUtf8.GetByteCount(text);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
