
namespace IncidentService.Intake.PagerDuty;

/// <summary>
/// <c>POST /v2/enqueue</c>, compatible with PagerDuty's Events API v2: any monitoring tool that can page PagerDuty
/// pages this service by changing one URL. Answers 202 <c>{"status":"success","message":"Event processed",
/// "dedup_key":…}</c> once the action is stored (or refused by the policy — recorded in the journal with the reason);
/// 400 with <c>errors</c> for a malformed event or an unknown routing key; 413 over 512 KB; 503 when the incident could
/// not be reached (nothing stored; send again).
/// </summary>
/// <remarks>A trigger raises an incident or joins the open one with the dedup key; acknowledge and resolve go to the
/// open incident with the key, as the integration actor (<c>integration:pagerduty</c>, roles from configuration), under
/// the policy's permissions like anyone's.</remarks>
public static class PagerDutyEventsEndpoint
{
    /// <summary>Handles one event.</summary>
    /// <param name="context">The request.</param>
    /// <param name="settings">The intakes' settings.</param>
    /// <param name="sender">Sends to the alert intake grain.</param>
    /// <returns>The answer.</returns>
    public static async Task<IResult> HandleAsync(HttpContext context, IntakeSettings settings, AlertIntakeSender sender)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sender);
        const string invalid = "invalid event";
        var (document, refusal) = await IntakeHttp.ReadJsonAsync(context, invalid, "Event object is invalid").ConfigureAwait(false);
        if (document is null)
        {
            return refusal!;
        }

        using var disposing = document;

        var errors = new List<string>();
        var parsed = PagerDutyEvent.Parse(document.RootElement, settings, () => Guid.NewGuid().ToString("N"), errors);
        if (parsed is null)
        {
            return IntakeHttp.Refuse(StatusCodes.Status400BadRequest, invalid, "Event object is invalid", errors);
        }

        var actor = settings.PagerDutyActor;
        var route = parsed.Route;
        var answer = await sender.SendAsync("pagerduty", route.Scope(parsed.DedupKey), grain => parsed.Action switch
        {
            "trigger" => grain.TriggerAsync(parsed.Summary!, route.Service, parsed.Severity, actor, route.SiloPolicyName),
            "acknowledge" => grain.AcknowledgeAsync(actor),
            _ => grain.ResolveAsync(null, actor),
        }).ConfigureAwait(false);
        if (answer is null)
        {
            return IntakeHttp.Refuse(StatusCodes.Status503ServiceUnavailable, "unavailable", "Event not processed",
                ["the incident could not be reached; nothing was recorded: send the event again"]);
        }

        return Results.Json(new { status = "success", message = "Event processed", dedup_key = parsed.DedupKey }, statusCode: StatusCodes.Status202Accepted);
    }
}
