using System.Text.Json;

namespace IncidentService.Intake.Alertmanager;

/// <summary>
/// The routing file: which label names the service, which label carries the severity, and how that label's values map
/// to the policy's severities. YAML is not in the stack, so the file is JSON:
/// <code>
/// {
///   "serviceLabel": "service",
///   "severityLabel": "severity",
///   "severities": { "critical": "SEV-1", "error": "SEV-2", "warning": "SEV-3", "info": "SEV-4" }
/// }
/// </code>
/// A label value the file does not map gives no severity (the responders triage it); a missing service label falls
/// back to the receiver's configured service.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AlertmanagerRouting
{
    private AlertmanagerRouting(string serviceLabel, string severityLabel, IReadOnlyDictionary<string, string> severities)
    {
        ServiceLabel = serviceLabel;
        SeverityLabel = severityLabel;
        Severities = severities;
    }

    /// <summary>The built-in routing, used without a routing file: labels <c>service</c> and <c>severity</c>, with
    /// <c>critical</c> → SEV-1, <c>error</c> → SEV-2, <c>warning</c> → SEV-3, <c>info</c> → SEV-4.</summary>
    public static AlertmanagerRouting Default { get; } = new("service", "severity", new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["critical"] = "SEV-1",
        ["error"] = "SEV-2",
        ["warning"] = "SEV-3",
        ["info"] = "SEV-4",
    });

    /// <summary>The label whose value is the service.</summary>
    public string ServiceLabel { get; }

    /// <summary>The label whose value maps to a severity.</summary>
    public string SeverityLabel { get; }

    /// <summary>Severity label values (compared exactly) mapped to the policy's severity ids.</summary>
    public IReadOnlyDictionary<string, string> Severities { get; }

    /// <summary>The service an alert's labels name.</summary>
    /// <param name="labels">The alert's labels.</param>
    /// <returns>The service label's value, or <see langword="null"/>.</returns>
    public string? ServiceOf(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(ServiceLabel, out var service) && service.Length > 0 ? service : null;

    /// <summary>The severity an alert's labels map to.</summary>
    /// <param name="labels">The alert's labels.</param>
    /// <returns>The policy's severity id, or <see langword="null"/> when the label is absent or not mapped.</returns>
    public string? SeverityOf(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(SeverityLabel, out var value) && Severities.TryGetValue(value, out var severity) ? severity : null;

    /// <summary>Reads a routing file's text; every problem is listed.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="problems">Where problems are added, each starting with the path in the file.</param>
    /// <returns>The routing, or <see langword="null"/> when the text has problems.</returns>
    public static AlertmanagerRouting? Parse(string json, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            problems.Add($"$: not valid JSON ({e.Message})");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add("$: must be an object with serviceLabel, severityLabel and severities");
                return null;
            }

            var before = problems.Count;
            var serviceLabel = Label(root, "serviceLabel", Default.ServiceLabel, problems);
            var severityLabel = Label(root, "severityLabel", Default.SeverityLabel, problems);
            var severities = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!root.TryGetProperty("severities", out var map))
            {
                problems.Add("$.severities: required: an object mapping label values to the policy's severities");
            }
            else if (map.ValueKind != JsonValueKind.Object)
            {
                problems.Add("$.severities: must be an object mapping label values to the policy's severities");
            }
            else
            {
                foreach (var entry in map.EnumerateObject())
                {
                    if (entry.Value.ValueKind != JsonValueKind.String || entry.Value.GetString()!.Length == 0)
                    {
                        problems.Add($"$.severities.{entry.Name}: must be a severity id such as \"SEV-1\"");
                    }
                    else
                    {
                        severities[entry.Name] = entry.Value.GetString()!;
                    }
                }
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("serviceLabel" or "severityLabel" or "severities"))
                {
                    problems.Add($"$.{property.Name}: unknown field; the routing file has serviceLabel, severityLabel and severities");
                }
            }

            return problems.Count == before ? new AlertmanagerRouting(serviceLabel!, severityLabel!, severities) : null;
        }
    }

    private static string? Label(JsonElement root, string name, string fallback, ICollection<string> problems)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0)
        {
            return value.GetString();
        }

        problems.Add($"$.{name}: must be a label name");
        return null;
    }
}
