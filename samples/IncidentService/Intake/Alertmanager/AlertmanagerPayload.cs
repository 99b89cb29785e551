using System.Text.Json;
using IncidentPolicy.Primitives;

namespace IncidentService.Intake.Alertmanager;

/// <summary>
/// An Alertmanager webhook payload (version 4), checked: <c>version</c> must be <c>"4"</c>, <c>receiver</c> a string
/// (a configured receiver when any are configured), <c>alerts</c> an array whose items each have <c>status</c>
/// <c>firing</c> or <c>resolved</c>, a non-empty <c>fingerprint</c> and <c>labels</c> (and <c>annotations</c>, when
/// present) mapping names to strings. The group fields are not used. One bad alert refuses the whole payload, so a
/// refused payload changes nothing.
/// </summary>
/// <param name="Route">The receiver's route, or <see langword="null"/> when no receivers are configured.</param>
/// <param name="Alerts">The alerts, in payload order.</param>
public sealed record AlertmanagerPayload(IntakeRoute? Route, IReadOnlyList<AlertmanagerAlert> Alerts)
{
    /// <summary>Reads and checks a payload.</summary>
    /// <param name="root">The parsed body.</param>
    /// <param name="settings">The intakes' settings.</param>
    /// <param name="errors">Where each problem is added as <c>path: reason</c>.</param>
    /// <returns>The payload, or <see langword="null"/> when there are errors.</returns>
    public static AlertmanagerPayload? Parse(JsonElement root, IntakeSettings settings, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"$: the payload must be a JSON object, not {IntakeHttp.Describe(root.ValueKind)}");
            return null;
        }

        var version = IntakeHttp.RequiredString(root, "version", "", 8, errors);
        if (version is not null and not "4")
        {
            errors.Add($"version: '{version}' is not supported; this webhook reads payload version 4");
        }

        IntakeRoute? route = null;
        var receiver = IntakeHttp.RequiredString(root, "receiver", "", 1024, errors);
        if (receiver is not null && settings.Receivers.Count > 0 && !settings.Receivers.TryGetValue(receiver, out route))
        {
            errors.Add($"receiver: '{receiver}' is not a configured receiver");
        }

        var alerts = new List<AlertmanagerAlert>();
        if (!root.TryGetProperty("alerts", out var items) || items.ValueKind == JsonValueKind.Null)
        {
            errors.Add("alerts: is missing");
        }
        else if (items.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"alerts: must be an array, not {IntakeHttp.Describe(items.ValueKind)}");
        }
        else
        {
            var i = 0;
            foreach (var item in items.EnumerateArray())
            {
                if (ParseAlert(item, $"alerts[{i}].", Limits.MaxDedupKeyLength - (route?.ScopeLength ?? 0), errors) is { } alert)
                {
                    alerts.Add(alert);
                }

                i++;
            }
        }

        return errors.Count > 0 ? null : new AlertmanagerPayload(route, alerts);
    }

    private static AlertmanagerAlert? ParseAlert(JsonElement item, string path, int maxFingerprintLength, List<string> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path[..^1]}: must be an object, not {IntakeHttp.Describe(item.ValueKind)}");
            return null;
        }

        var before = errors.Count;
        var status = IntakeHttp.RequiredString(item, "status", path, 16, errors);
        if (status is not null and not ("firing" or "resolved"))
        {
            errors.Add($"{path}status: '{status}' is not firing or resolved");
        }

        var fingerprint = IntakeHttp.RequiredString(item, "fingerprint", path, maxFingerprintLength, errors);
        var labels = StringMap(item, "labels", path, required: true, errors);
        var annotations = StringMap(item, "annotations", path, required: false, errors);
        if (errors.Count > before)
        {
            return null;
        }

        var summary = annotations!.GetValueOrDefault("summary") ?? annotations!.GetValueOrDefault("description")
            ?? labels!.GetValueOrDefault("alertname") ?? fingerprint!;
        return new AlertmanagerAlert(status == "firing", fingerprint!, summary, labels!);
    }

    private static Dictionary<string, string>? StringMap(JsonElement item, string name, string path, bool required, List<string> errors)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add($"{path}{name}: is missing");
            }

            return map;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}{name}: must be an object of strings, not {IntakeHttp.Describe(value.ValueKind)}");
            return null;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add($"{path}{name}.{property.Name}: must be a string, not {IntakeHttp.Describe(property.Value.ValueKind)}");
                continue;
            }

            map[property.Name] = property.Value.GetString()!;
        }

        return map;
    }
}
