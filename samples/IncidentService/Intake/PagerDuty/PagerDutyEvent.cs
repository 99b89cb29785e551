using System.Text.Json;
using IncidentPolicy.Primitives;

namespace IncidentService.Intake.PagerDuty;

/// <summary>
/// One PagerDuty Events API v2 event, checked: <c>routing_key</c> (a configured key), <c>event_action</c>
/// (<c>trigger</c>, <c>acknowledge</c> or <c>resolve</c>), <c>dedup_key</c> (at most 255 characters, less the
/// length of a named policy's scope prefix — see <see cref="IntakeRoute.Scope"/>; required to
/// acknowledge or resolve, generated for a trigger without one) and, for a trigger, <c>payload.summary</c> (at most
/// 1,024 characters), <c>payload.source</c> and <c>payload.severity</c> (<c>critical</c>, <c>error</c>,
/// <c>warning</c>, <c>info</c>). Other payload fields (<c>component</c>, <c>custom_details</c>, …) are accepted and
/// not used.
/// </summary>
/// <param name="Route">Where the routing key sends it.</param>
/// <param name="Action">The event action.</param>
/// <param name="DedupKey">The dedup key (generated when a trigger had none).</param>
/// <param name="Summary">The summary (trigger only).</param>
/// <param name="Source">The source (trigger only).</param>
/// <param name="Severity">The policy's severity the event's severity maps to (trigger only).</param>
public sealed record PagerDutyEvent(IntakeRoute Route, string Action, string DedupKey, string? Summary, string? Source, string? Severity)
{
    /// <summary>PagerDuty's limit on a summary.</summary>
    public const int MaxSummaryLength = 1024;

    /// <summary>Reads and checks an event.</summary>
    /// <param name="root">The parsed body.</param>
    /// <param name="settings">The intakes' settings (routing keys, severity mapping).</param>
    /// <param name="newDedupKey">Makes a dedup key for a trigger without one.</param>
    /// <param name="errors">Where each problem is added as <c>path: reason</c>.</param>
    /// <returns>The event, or <see langword="null"/> when there are errors.</returns>
    public static PagerDutyEvent? Parse(JsonElement root, IntakeSettings settings, Func<string> newDedupKey, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(newDedupKey);
        ArgumentNullException.ThrowIfNull(errors);
        var route = IntakeHttp.RouteOf(root, settings, "the event", errors, out var isObject);
        if (!isObject)
        {
            return null;
        }

        var action = IntakeHttp.RequiredString(root, "event_action", "", 32, errors);
        if (action is not null and not ("trigger" or "acknowledge" or "resolve"))
        {
            errors.Add($"event_action: '{action}' is not one of trigger, acknowledge, resolve");
            action = null;
        }

        var dedupKey = IntakeHttp.OptionalString(root, "dedup_key", "", errors);
        var maxKeyLength = Limits.MaxDedupKeyLength - (route?.ScopeLength ?? 0);
        if (dedupKey is not null && dedupKey.Length == 0)
        {
            errors.Add("dedup_key: must not be empty (leave it out on a trigger to have one made)");
        }
        else if (dedupKey is not null && dedupKey.Length > maxKeyLength)
        {
            errors.Add($"dedup_key: is {dedupKey.Length} characters long; at most {maxKeyLength} are allowed");
        }
        else if (dedupKey is null && action is "acknowledge" or "resolve" && !HasError(errors, "dedup_key"))
        {
            errors.Add($"dedup_key: is required to {action}");
        }

        string? summary = null, source = null, severity = null;
        if (action == "trigger")
        {
            if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind == JsonValueKind.Null)
            {
                errors.Add("payload: is missing; a trigger needs payload.summary, payload.source and payload.severity");
            }
            else if (payload.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"payload: must be an object, not {IntakeHttp.Describe(payload.ValueKind)}");
            }
            else
            {
                summary = IntakeHttp.RequiredString(payload, "summary", "payload.", MaxSummaryLength, errors);
                source = IntakeHttp.RequiredString(payload, "source", "payload.", 1024, errors);
                var given = IntakeHttp.RequiredString(payload, "severity", "payload.", 32, errors);
                if (given is not null && !settings.PagerDutySeverities.TryGetValue(given, out severity))
                {
                    errors.Add($"payload.severity: '{given}' is not one of critical, error, warning, info");
                }
            }
        }

        return errors.Count > 0 ? null : new PagerDutyEvent(route!, action!, dedupKey ?? newDedupKey(), summary, source, severity);
    }

    private static bool HasError(List<string> errors, string field) => errors.Exists(e => e.StartsWith(field + ":", StringComparison.Ordinal));
}
