using System.Text;
using System.Text.Json;
using IncidentPolicy.Metrics;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Cli.Json;

/// <summary>
/// The JSON of <c>incident-policy report --format json</c>:
/// <c>{"asOf","incidents","excluded","all":{"severity","incidents","timeToAcknowledge":{"count","mean","median","p90","min","max"},"timeToMitigate","timeToResolve"},"bySeverity":[…],"onTime":[{"kind","met","metLate","overdue","onTimeRate"}],"actionItems":{"total","done","wontDo","open","overdue","completionRate"}}</c>.
/// </summary>
/// <remarks>Every field is present, <c>null</c> when empty; groups in the order of <see cref="IncidentMetrics"/>;
/// instants and durations in the library's text formats (see <see cref="IncidentPolicy.Primitives.TextFormats"/>); rates as numbers from 0 to 1. Thread-safe.</remarks>
internal static class MetricsJson
{
    /// <summary>Writes the metrics.</summary>
    /// <param name="metrics">Incident metrics.</param>
    /// <param name="clock">Where instants are written: UTC (<c>…Z</c>) or a zone with offsets.</param>
    /// <returns>Indented JSON without a trailing line break.</returns>
    public static string Serialize(IncidentMetrics metrics, CliTime clock)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("asOf", clock.Format(metrics.AsOf));
            json.WriteNumber("incidents", metrics.Incidents);
            json.WriteNumber("excluded", metrics.Excluded);
            json.WritePropertyName("all");
            WriteGroup(json, metrics.All);
            json.WriteStartArray("bySeverity");
            foreach (var group in metrics.BySeverity)
            {
                WriteGroup(json, group);
            }

            json.WriteEndArray();
            json.WriteStartArray("onTime");
            foreach (var rate in metrics.OnTime)
            {
                json.WriteStartObject();
                json.WriteString("kind", Text.Camel(rate.Kind));
                json.WriteNumber("met", rate.Met);
                json.WriteNumber("metLate", rate.MetLate);
                json.WriteNumber("overdue", rate.Overdue);
                WriteRate(json, "onTimeRate", rate.OnTimeRate);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            var items = metrics.ActionItems;
            json.WriteStartObject("actionItems");
            json.WriteNumber("total", items.Total);
            json.WriteNumber("done", items.Done);
            json.WriteNumber("wontDo", items.WontDo);
            json.WriteNumber("open", items.Open);
            json.WriteNumber("overdue", items.Overdue);
            WriteRate(json, "completionRate", items.CompletionRate);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteGroup(Utf8JsonWriter json, SeverityMetrics group)
    {
        json.WriteStartObject();
        json.WriteString("severity", group.SeverityId);
        json.WriteNumber("incidents", group.Incidents);
        WriteStatistics(json, "timeToAcknowledge", group.TimeToAcknowledge);
        WriteStatistics(json, "timeToMitigate", group.TimeToMitigate);
        WriteStatistics(json, "timeToResolve", group.TimeToResolve);
        json.WriteEndObject();
    }

    private static void WriteStatistics(Utf8JsonWriter json, string name, DurationStatistics stats)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", stats.Count);
        WriteDuration(json, "mean", stats.Mean);
        WriteDuration(json, "median", stats.Median);
        WriteDuration(json, "p90", stats.P90);
        WriteDuration(json, "min", stats.Min);
        WriteDuration(json, "max", stats.Max);
        json.WriteEndObject();
    }

    private static void WriteDuration(Utf8JsonWriter json, string name, Duration? value)
    {
        if (value is { } d)
        {
            json.WriteString(name, TextFormats.Format(d));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteRate(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, 4));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
