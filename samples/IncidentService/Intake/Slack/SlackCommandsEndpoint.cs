using System.Text;
using System.Text.Json;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Primitives;
using IncidentPolicy.Serialization;
using IncidentService.Shared;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using NodaTime;

namespace IncidentService.Intake.Slack;

/// <summary>
/// <c>POST /slack/commands</c>: Slack slash commands (<c>/incident …</c>), form-encoded and signed. A request whose
/// signature or timestamp does not verify (<see cref="SlackSignature"/>) is refused 401 before anything is read from
/// it, so nothing changes. A body that is not form data with <c>user_id</c> and <c>command</c> is refused 400. Every
/// other answer is 200, because Slack shows the sender only a 200's text: a malformed command, an unmapped sender, an
/// unknown incident or a rejection by the policy are answered to the sender only (<c>response_type: ephemeral</c>)
/// with the plain reason; an accepted command is announced in the channel (<c>in_channel</c>).
/// </summary>
/// <remarks>
/// <para>The sender is the person whose <c>SlackUserId</c> is the request's <c>user_id</c>, acting with their
/// configured roles. An incident the sender may not view (restricted, <c>Incident.CanView</c>) is answered exactly like
/// one that does not exist. Which incident: an explicit id after the verb, else the channel's (<see cref="ChannelIncidents"/>).
/// <c>declare</c> without either opens a new incident (raised by the sender, then declared) and binds the channel. When the
/// channel's binding cannot be read, a command without an id is answered (name the incident) and nothing is done; when a
/// binding cannot be stored, the command still goes on and the reply says the channel is not bound.</para>
/// <para>Commands go to <see cref="IIncidentGrain.ApplyAsync"/> with the version the grain reports; when a wake-up
/// records a page in between (a version conflict) the command is sent again at the new version, up to five times: the
/// sender asked for the action, not for a particular version.</para>
/// </remarks>
public static class SlackCommandsEndpoint
{
    private const int Attempts = 5;

    /// <summary>Handles one slash command.</summary>
    /// <param name="context">The request.</param>
    /// <param name="settings">The intakes' settings.</param>
    /// <param name="grains">The grain factory.</param>
    /// <param name="ids">Makes ids for incidents opened by <c>declare</c>.</param>
    /// <param name="channels">Channel to incident bindings.</param>
    /// <param name="journal">The service journal.</param>
    /// <param name="clock">The service's clock (for the timestamp check).</param>
    /// <param name="logs">Reads incidents, to ask whether the sender may see one.</param>
    /// <returns>The answer.</returns>
    public static async Task<IResult> HandleAsync(
        HttpContext context, IntakeSettings settings, IGrainFactory grains, IIncidentIdGenerator ids, ChannelIncidents channels,
        ServiceJournal journal, IClock clock, IncidentLogReader logs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(clock);
        const string invalid = "invalid request";
        if (settings.SlackSigningSecret is null)
        {
            return IntakeHttp.Refuse(StatusCodes.Status401Unauthorized, "unauthorized", "Not verified",
                ["no signing secret is configured (IncidentService:Intake:Slack:SigningSecret), so every request is refused"]);
        }

        var (body, unreadable) = await IntakeHttp.ReadBodyAsync(context.Request, invalid, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return unreadable!;
        }

        var refusal = SlackSignature.Verify(settings.SlackSigningSecret, Header(context, "X-Slack-Request-Timestamp"),
            Header(context, "X-Slack-Signature"), body, clock.GetCurrentInstant());
        if (refusal is not null)
        {
            return IntakeHttp.Refuse(StatusCodes.Status401Unauthorized, "unauthorized", "Not verified", [refusal]);
        }

        var (form, formError) = ReadForm(context.Request, body);
        if (form is null)
        {
            return IntakeHttp.Refuse(StatusCodes.Status400BadRequest, invalid, "Not a slash command", [formError!]);
        }

        var userId = form.GetValueOrDefault("user_id").ToString();
        var channelId = form.GetValueOrDefault("channel_id").ToString() is { Length: > 0 } channel ? channel : null;
        var handler = new Handler(settings, grains, ids, channels, journal, clock, logs, channelId, userId);
        try
        {
            return await handler.RunAsync(form.GetValueOrDefault("text").ToString()).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failure reaching an incident is told to the sender (try again), never a 500.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            // Not "nothing was done": a declare that opened its incident may fail on the declare itself. Sending the
            // command again is right either way — the channel is bound to the opened incident, so it is declared.
            journal.RecordIntake(new IntakeRecord(clock.GetCurrentInstant(), "slack", null, null, false, $"maybe not done: the incident could not be reached ({e.GetType().Name})"));
            return Ephemeral("The incident could not be reached just now, so your command may not have been applied. Try again; /incident status shows where things stand.");
        }
    }

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    private static (Dictionary<string, StringValues>? Form, string? Error) ReadForm(HttpRequest request, byte[] body)
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"the body must be application/x-www-form-urlencoded, not {request.ContentType ?? "untyped"}");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return (null, "the body is not UTF-8 text");
        }

        Dictionary<string, StringValues> form;
        try
        {
            using var reader = new FormReader(text);
            form = reader.ReadForm();
        }
        catch (InvalidDataException e)
        {
            return (null, $"the body is not form data: {e.Message}");
        }

        foreach (var field in (string[])["user_id", "command"])
        {
            if (!form.TryGetValue(field, out var value) || string.IsNullOrWhiteSpace(value))
            {
                return (null, $"the form field {field} is missing");
            }
        }

        return (form, null);
    }

    private static IResult Ephemeral(string text) => Results.Json(new SlackReply("ephemeral", text));

    private sealed record SlackReply(
        [property: System.Text.Json.Serialization.JsonPropertyName("response_type")] string ResponseType, string Text);

    private sealed class Handler(
        IntakeSettings settings, IGrainFactory grains, IIncidentIdGenerator ids, ChannelIncidents channels, ServiceJournal journal,
        IClock clock, IncidentLogReader logs, string? channelId, string userId)
    {
        /// <summary>The incident this channel should have been bound to when the binding store failed: every reply then
        /// says so, so the sender knows to name the incident next time.</summary>
        private string? _unbound;

        public async Task<IResult> RunAsync(string text)
        {
            if (!settings.SlackUsers.TryGetValue(userId, out var sender))
            {
                return Refused(null, $"Your Slack user {userId} is not mapped to a person; ask an admin to set SlackUserId for you under IncidentService:Intake:People.");
            }

            var command = SlackCommandParser.Parse(text, settings.IncidentIdPrefix, out var error);
            if (command is null)
            {
                return Refused(null, error!);
            }

            if (command.Verb == SlackVerb.Help)
            {
                return Results.Json(new SlackReply("ephemeral", SlackCommandParser.Usage));
            }

            var incidentId = command.IncidentId;
            if (incidentId is null)
            {
                var lookup = await channels.FindAsync(channelId, CancellationToken.None).ConfigureAwait(false);
                if (lookup.Failed)
                {
                    // Nothing was done yet; declaring here could open a second incident for the channel's one.
                    return Refused(null, $"This channel's incident could not be looked up just now; nothing was done. Name the incident: /incident {Verb(command)} {settings.IncidentIdPrefix}…");
                }

                incidentId = lookup.IncidentId;
            }

            if (command.Verb == SlackVerb.Declare)
            {
                return await DeclareAsync(command, incidentId, settings.SlackRouteOf(channelId), sender).ConfigureAwait(false);
            }

            if (incidentId is null)
            {
                return Refused(null, $"This channel has no incident; name one: /incident {Verb(command)} {settings.IncidentIdPrefix}…");
            }

            var grain = grains.GetGrain<IIncidentGrain>(incidentId);
            if (await logs.ReadVisibleAsync(incidentId, sender, CancellationToken.None).ConfigureAwait(false) is null)
            {
                return Refused(incidentId, $"There is no incident {incidentId}.");
            }

            if (command.IncidentId is not null)
            {
                await BindIfFreeAsync(incidentId).ConfigureAwait(false);
            }

            if (command.Verb == SlackVerb.Status)
            {
                return Ephemeral(await StatusAsync(grain, incidentId).ConfigureAwait(false));
            }

            IncidentCommand? incidentCommand = command.Verb switch
            {
                SlackVerb.Acknowledge => new Acknowledge(),
                SlackVerb.Resolve => new Resolve(command.Text),
                SlackVerb.Update => new PostStatusUpdate(command.Audience, command.Text!),
                _ => null,
            };
            if (command.Verb == SlackVerb.Commander)
            {
                var person = command.MentionedPerson;
                if (command.MentionedUser is { } mentioned)
                {
                    if (!settings.SlackUsers.TryGetValue(mentioned, out var actor))
                    {
                        return Refused(incidentId, $"Slack user {mentioned} is not mapped to a person; ask an admin to set their SlackUserId under IncidentService:Intake:People.");
                    }

                    person = actor.Id;
                }

                incidentCommand = new AssignCommander(person!);
            }

            return await ApplyAsync(grain, incidentId, incidentCommand!, sender, command).ConfigureAwait(false);
        }

        private async Task<IResult> DeclareAsync(SlackCommand command, string? incidentId, IntakeRoute route, Actor sender)
        {
            var policy = route.Policy;
            var level = policy.Severities.FirstOrDefault(s => string.Equals(s.Id, command.Severity, StringComparison.OrdinalIgnoreCase));
            if (level is null)
            {
                return Refused(incidentId, $"\"{command.Severity}\" is not a severity of the policy ({string.Join(", ", policy.Severities.Select(s => s.Id))}). {SlackCommandParser.Usage}");
            }

            var declare = new Declare(level.Id, command.Text!);
            if (incidentId is not null && command.IncidentId is null && await HasEndedAsync(incidentId).ConfigureAwait(false))
            {
                incidentId = null;
            }

            if (incidentId is null)
            {
                // Nothing to declare on: the sender opens an incident here (as anyone may raise an alert), then declares it.
                var id = ids.NewId($"slack-{channelId ?? userId}");
                var raised = await grains.GetGrain<IIncidentGrain>(id)
                    .RaiseAsync(new RaiseAlert(command.Text!, null, level.Id), sender, route.SiloPolicyName).ConfigureAwait(false);
                if (!raised.IsAccepted)
                {
                    return Refused(id, raised.Rejection?.Reason ?? "The incident could not be opened; try again.");
                }

                if (!await channels.TryBindAsync(channelId, id, CancellationToken.None).ConfigureAwait(false))
                {
                    _unbound = id;
                }

                return await ApplyAsync(grains.GetGrain<IIncidentGrain>(id), id, declare, sender, command).ConfigureAwait(false);
            }

            var grain = grains.GetGrain<IIncidentGrain>(incidentId);
            if (await logs.ReadVisibleAsync(incidentId, sender, CancellationToken.None).ConfigureAwait(false) is null)
            {
                return Refused(incidentId, $"There is no incident {incidentId}.");
            }

            await BindIfFreeAsync(incidentId).ConfigureAwait(false);
            return await ApplyAsync(grain, incidentId, declare, sender, command).ConfigureAwait(false);
        }

        private async Task BindIfFreeAsync(string incidentId)
        {
            if (!await channels.TryBindIfFreeAsync(channelId, incidentId, CancellationToken.None).ConfigureAwait(false))
            {
                _unbound = incidentId;
            }
        }

        private async Task<bool> HasEndedAsync(string incidentId)
        {
            var json = await grains.GetGrain<IIncidentGrain>(incidentId).GetStateJsonAsync().ConfigureAwait(false);
            if (json is null)
            {
                return true;
            }

            using var document = JsonDocument.Parse(json);
            var status = document.RootElement.GetProperty("incident").GetProperty("status").GetString();
            return status is "resolved" or "closed" or "declined" or "merged";
        }

        private async Task<IResult> ApplyAsync(IIncidentGrain grain, string incidentId, IncidentCommand command, Actor sender, SlackCommand slack)
        {
            var answer = ApplyAnswer.Conflict(await grain.GetVersionAsync().ConfigureAwait(false));
            for (var attempt = 0; attempt < Attempts && answer.Outcome == ApplyOutcome.Conflict; attempt++)
            {
                answer = await grain.ApplyAsync(command, sender, answer.Version).ConfigureAwait(false);
            }

            if (answer.Outcome == ApplyOutcome.Rejected)
            {
                return Refused(incidentId, answer.Rejection!.Reason);
            }

            if (answer.Outcome == ApplyOutcome.Conflict)
            {
                return Refused(incidentId, $"{incidentId} kept changing while your command was applied; it was not applied, try again.");
            }

            journal.RecordIntake(new IntakeRecord(clock.GetCurrentInstant(), "slack", null, incidentId, true, $"{sender.Id}: /incident {Verb(slack)}"));
            return InChannel(slack.Verb switch
            {
                SlackVerb.Acknowledge => $"<@{userId}> acknowledged {incidentId}.",
                SlackVerb.Declare => $"<@{userId}> declared {incidentId} {((Declare)command).Severity}: {slack.Text}",
                SlackVerb.Commander => $"{((AssignCommander)command).Person} is now the Incident Commander of {incidentId}.",
                SlackVerb.Update => $"{(slack.Audience == StatusAudience.External ? "External" : "Internal")} update on {incidentId}: {slack.Text}",
                _ => $"<@{userId}> resolved {incidentId}.",
            });
        }

        private IResult Ephemeral(string text) => Results.Json(new SlackReply("ephemeral", text + UnboundNote()));

        private IResult InChannel(string text) => Results.Json(new SlackReply("in_channel", text + UnboundNote()));

        private string UnboundNote() => _unbound is null
            ? ""
            : $"\n(This channel could not be bound to {_unbound} just now; name the incident in your next commands here.)";

        private static async Task<string> StatusAsync(IIncidentGrain grain, string incidentId)
        {
            var json = await grain.GetStateJsonAsync().ConfigureAwait(false);
            if (json is null)
            {
                return $"There is no incident {incidentId}.";
            }

            using var document = JsonDocument.Parse(json);
            var incident = document.RootElement.GetProperty("incident");
            string? Text(JsonElement element, string name) =>
                element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var lines = new StringBuilder();
            lines.Append(incidentId).Append(" · ").Append(Text(incident, "severity") ?? "no severity yet").Append(" · ")
                .Append(Text(incident, "status")).Append(" · ").Append(Text(incident, "title") ?? Text(incident, "summary"))
                .Append(" · commander: ").Append(Text(incident, "commander") ?? "none");
            if (document.RootElement.TryGetProperty("evaluation", out var evaluation)
                && evaluation.TryGetProperty("obligations", out var obligations) && obligations.ValueKind == JsonValueKind.Array)
            {
                foreach (var obligation in obligations.EnumerateArray().Where(o => Text(o, "state") is "pending" or "overdue"))
                {
                    lines.Append('\n').Append(Text(obligation, "state") == "overdue" ? "OVERDUE " : "due ")
                        .Append(Text(obligation, "dueAt")).Append(": ").Append(Text(obligation, "key"));
                }
            }

            return lines.ToString();
        }

        private IResult Refused(string? incidentId, string reason)
        {
            journal.RecordIntake(new IntakeRecord(clock.GetCurrentInstant(), "slack", null, incidentId, false, reason));
            return Ephemeral(reason);
        }

        private static string Verb(SlackCommand command) => command.Verb switch
        {
            SlackVerb.Acknowledge => "ack",
            SlackVerb.Commander => "ic",
            _ => command.Verb.ToString().ToLowerInvariant(),
        };
    }
}
