using System.Text.Json;
using IncidentService.Shared;
using NodaTime;
using NodaTime.Text;

namespace IncidentService.Intake.Changes;

/// <summary>
/// <c>POST /v2/change/enqueue</c>, compatible with PagerDuty's change events: <c>routing_key</c>,
/// <c>payload.summary</c> (required), <c>payload.timestamp</c> (ISO 8601 with an offset; when it is left out the change
/// is taken to happen when it is received), <c>payload.source</c>, <c>payload.custom_details</c> and <c>links</c>
/// (each an object with an <c>href</c>; checked, not kept). The change is recorded as a <see cref="ChangeRecord"/> for
/// the routing key's service, flagged when the policy's own decision (<c>ResponsePolicy.CanDeploy</c>) refuses a
/// deployment at that instant: inside a change window without an approving role.
/// </summary>
/// <remarks>
/// An approval is expressed in the event as <c>payload.custom_details.approved_by</c>: a person id (or a list of
/// them) from <c>IncidentService:Intake:People</c>; their configured roles are the approvals the policy checks (the
/// seed's overnight freeze is lifted by <c>engineering-manager</c>). A person the configuration does not know approves
/// nothing, and the flag's reason says so.
/// </remarks>
public static class ChangeEventsEndpoint
{
    private static readonly OffsetDateTimePattern[] Timestamps =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HHmm>"),
    ];

    /// <summary>Handles one change event.</summary>
    /// <param name="context">The request.</param>
    /// <param name="settings">The intakes' settings.</param>
    /// <param name="log">Where changes are kept.</param>
    /// <param name="journal">The service journal.</param>
    /// <param name="clock">The service's clock.</param>
    /// <returns>202, 400 with errors, 413, or 503 when the change log could not keep it.</returns>
    public static async Task<IResult> HandleAsync(HttpContext context, IntakeSettings settings, IChangeLog log, ServiceJournal journal, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(clock);
        const string invalid = "invalid event";
        var (document, refusal) = await IntakeHttp.ReadJsonAsync(context, invalid, "Change event is invalid").ConfigureAwait(false);
        if (document is null)
        {
            return refusal!;
        }

        using var disposing = document;

        var now = clock.GetCurrentInstant();
        var errors = new List<string>();
        var change = Parse(document.RootElement, settings, now, errors);
        if (change is null)
        {
            return IntakeHttp.Refuse(StatusCodes.Status400BadRequest, invalid, "Change event is invalid", errors);
        }

        try
        {
            await log.RecordAsync(change, context.RequestAborted).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A change log that cannot keep the change is answered 503 (send again), never a 500 or a 202.
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
#pragma warning restore CA1031
        {
            journal.RecordIntake(new IntakeRecord(now, "pagerduty-change", null, null, false,
                $"not recorded: the change log could not keep it ({e.GetType().Name}); the sender was asked to send it again"));
            return IntakeHttp.Refuse(StatusCodes.Status503ServiceUnavailable, "unavailable", "Change event not processed",
                ["the change could not be kept; nothing was recorded: send the event again"]);
        }

        journal.RecordIntake(new IntakeRecord(now, "pagerduty-change", null, null, true,
            change.Flagged ? $"change to {change.Service} flagged: {change.FlagReason}" : $"change to {change.Service}"));
        return Results.Json(new { status = "success", message = "Change event processed" }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Reads and checks a change event, and decides whether it is flagged.</summary>
    /// <param name="root">The parsed body.</param>
    /// <param name="settings">The intakes' settings.</param>
    /// <param name="receivedAt">When it was received (its instant when it has no timestamp).</param>
    /// <param name="errors">Where each problem is added as <c>path: reason</c>.</param>
    /// <returns>The change, or <see langword="null"/> when there are errors.</returns>
    public static ChangeRecord? Parse(JsonElement root, IntakeSettings settings, Instant receivedAt, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        var route = IntakeHttp.RouteOf(root, settings, "the change event", errors, out var isObject);
        if (!isObject)
        {
            return null;
        }

        if (route is { Service: null })
        {
            errors.Add("routing_key: this routing key has no service configured, so its changes cannot be recorded");
        }

        string? summary = null, source = null;
        var at = receivedAt;
        var approvers = new List<string>();
        if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind == JsonValueKind.Null)
        {
            errors.Add("payload: is missing; a change event needs payload.summary");
        }
        else if (payload.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"payload: must be an object, not {IntakeHttp.Describe(payload.ValueKind)}");
        }
        else
        {
            summary = IntakeHttp.RequiredString(payload, "summary", "payload.", 1024, errors);
            source = IntakeHttp.OptionalString(payload, "source", "payload.", errors);
            var timestamp = IntakeHttp.OptionalString(payload, "timestamp", "payload.", errors);
            if (timestamp is not null)
            {
                var parsed = Timestamps.Select(p => p.Parse(timestamp)).FirstOrDefault(r => r.Success);
                if (parsed is null)
                {
                    errors.Add($"payload.timestamp: '{timestamp}' is not an ISO 8601 date and time with an offset, such as 2026-05-29T03:45:00Z");
                }
                else
                {
                    at = parsed.Value.ToInstant();
                }
            }

            ReadApprovers(payload, approvers, errors);
        }

        if (root.TryGetProperty("links", out var links) && links.ValueKind != JsonValueKind.Null)
        {
            CheckLinks(links, errors);
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var unknown = approvers.Where(a => !settings.People.ContainsKey(a)).ToList();
        var roles = approvers.Where(settings.People.ContainsKey).SelectMany(a => settings.People[a].Roles);
        var decision = route!.Policy.CanDeploy(at, roles);
        var reason = decision.IsAllowed ? null
            : decision.Reason + (unknown.Count == 0 ? "" : $"; approved_by {string.Join(", ", unknown)} is not a configured person");
        return new ChangeRecord(at, route.Service!, summary!, source, !decision.IsAllowed, reason);
    }

    private static void ReadApprovers(JsonElement payload, List<string> approvers, List<string> errors)
    {
        if (!payload.TryGetProperty("custom_details", out var details) || details.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (details.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"payload.custom_details: must be an object, not {IntakeHttp.Describe(details.ValueKind)}");
            return;
        }

        if (!details.TryGetProperty("approved_by", out var approvedBy) || approvedBy.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (approvedBy.ValueKind == JsonValueKind.String)
        {
            approvers.Add(approvedBy.GetString()!);
        }
        else if (approvedBy.ValueKind == JsonValueKind.Array && approvedBy.EnumerateArray().All(a => a.ValueKind == JsonValueKind.String))
        {
            approvers.AddRange(approvedBy.EnumerateArray().Select(a => a.GetString()!));
        }
        else
        {
            errors.Add("payload.custom_details.approved_by: must be a person id or a list of person ids");
        }
    }

    private static void CheckLinks(JsonElement links, List<string> errors)
    {
        if (links.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"links: must be an array, not {IntakeHttp.Describe(links.ValueKind)}");
            return;
        }

        var i = 0;
        foreach (var link in links.EnumerateArray())
        {
            if (link.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"links[{i}]: must be an object with an href");
            }
            else
            {
                IntakeHttp.RequiredString(link, "href", $"links[{i}].", 2048, errors);
            }

            i++;
        }
    }
}
