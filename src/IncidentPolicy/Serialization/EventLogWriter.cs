using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Serialization;

/// <summary>Writes events in the log's key order: type, at, by, then the record's fields, every one present.</summary>
internal static class EventLogWriter
{
    private static readonly JsonWriterOptions Compact = new()
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
        writer.WriteStartObject();
        writer.WriteString("type", incidentEvent.Type);
        writer.WriteString("at", IsoText.FormatInstant(incidentEvent.At));
        writer.WriteString("by", incidentEvent.By);
        switch (incidentEvent)
        {
            case AlertFired e:
                writer.WriteString("summary", e.Summary);
                writer.WriteString("service", e.Service);
                writer.WriteString("severity", e.Severity);
                writer.WriteString("policyHash", e.PolicyHash);
                break;
            case Acknowledged or PostMortemPublished or Closed:
                break;
            case Declared e:
                writer.WriteString("severity", e.Severity);
                writer.WriteString("title", e.Title);
                break;
            case CommanderAssigned e:
                writer.WriteString("person", e.Person);
                break;
            case RoleAssigned e:
                writer.WriteString("role", e.Role);
                writer.WriteString("person", e.Person);
                break;
            case SeverityChanged e:
                writer.WriteString("severity", e.Severity);
                writer.WriteString("reason", e.Reason);
                break;
            case StatusUpdatePosted e:
                writer.WriteString("audience", EnumText(e.Audience));
                writer.WriteString("message", e.Message);
                break;
            case ImpactRecorded e:
                writer.WriteString("metric", e.Metric);
                writer.WriteNumber("value", e.Value);
                writer.WriteString("unit", e.Unit);
                break;
            case FlagRaised e:
                writer.WriteString("flag", e.Flag);
                break;
            case Mitigated e:
                writer.WriteString("summary", e.Summary);
                break;
            case Resolved e:
                writer.WriteString("summary", e.Summary);
                break;
            case Reopened e:
                writer.WriteString("reason", e.Reason);
                break;
            case PostMortemScheduled e:
                writer.WriteString("for", IsoText.FormatInstant(e.For));
                break;
            case ActionItemAdded e:
                writer.WriteString("id", e.Id);
                writer.WriteString("action", e.Action);
                writer.WriteString("owner", e.Owner);
                writer.WriteString("due", e.Due.ToString("uuuu'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ActionItemCompleted e:
                writer.WriteString("id", e.Id);
                break;
            case ActionItemStatusChanged e:
                writer.WriteString("id", e.Id);
                writer.WriteString("status", EnumText(e.Status));
                writer.WriteString("reason", e.Reason);
                break;
            case Declined e:
                writer.WriteString("reason", e.Reason);
                break;
            case Merged e:
                writer.WriteString("into", e.Into);
                break;
            case NoteAdded e:
                writer.WriteString("text", e.Text);
                break;
            case NotificationSent e:
                writer.WriteString("key", e.Key);
                writer.WriteString("target", e.Target);
                break;
            case ReminderSent e:
                writer.WriteString("key", e.Key);
                break;
            default:
                throw new ArgumentException(
                    $"{incidentEvent.GetType().Name} is not an event type of the log; the log holds the library's own event records only",
                    nameof(incidentEvent));
        }

        writer.WriteEndObject();
    }

    private static string EnumText<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? HumanText.CamelCase(value)
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} is not a defined {typeof(TEnum).Name}");
}
