using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentPolicy.Orleans.WakeUps;
using IncidentService.Hosting;
using NodaTime.Text;

namespace IncidentService.Outbound;

/// <summary>What is POSTed to a webhook for one due action, in each format.</summary>
internal static class WebhookMessages
{
    /// <summary>The idempotency key sent with every delivery: <c>incidentId/obligationKey</c>, the same for every
    /// attempt and every retry, so a receiver that keeps it drops a duplicate.</summary>
    public static string IdempotencyKey(DueAction action) => action.IncidentId + "/" + action.ObligationKey;

    /// <summary>The message body for <paramref name="kind"/>.</summary>
    public static string Body(DueAction action, WebhookKind kind) => kind == WebhookKind.Slack ? Slack(action) : Json(action);

    /// <summary>The generic JSON form: the action's fields, camelCase, enum values camelCase, the due instant in ISO
    /// 8601 UTC, and the idempotency key.</summary>
    public static string Json(DueAction action) => new JsonObject
    {
        ["incidentId"] = action.IncidentId,
        ["obligationKey"] = action.ObligationKey,
        ["idempotencyKey"] = IdempotencyKey(action),
        ["kind"] = Camel(action.Kind.ToString()),
        ["obligation"] = Camel(action.Obligation.ToString()),
        ["target"] = action.Target,
        ["text"] = action.Text,
        ["dueAt"] = InstantPattern.ExtendedIso.Format(action.DueAt),
    }.ToJsonString();

    /// <summary>Slack's incoming-webhook form, <c>{"text": "…"}</c>: one line naming the kind, the incident, the
    /// target and the text. <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are escaped as Slack's message formatting asks, so
    /// text from an alert cannot make a mention or a link.</summary>
    public static string Slack(DueAction action)
    {
        var label = action.Kind switch
        {
            DueActionKind.Page => ":rotating_light: *Page*",
            DueActionKind.Notify => ":loudspeaker: *Notification*",
            _ => ":alarm_clock: *Reminder*",
        };
        var text = $"{label} {Escape(action.IncidentId)} → {Escape(action.Target)}: {Escape(action.Text)} (due {InstantPattern.ExtendedIso.Format(action.DueAt)})";
        return new JsonObject { ["text"] = text }.ToJsonString();
    }

    private static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static string Escape(string text) =>
        new StringBuilder(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").ToString();
}
