namespace IncidentService.Hosting;

/// <summary>The message format an outbound webhook takes.</summary>
public enum WebhookKind
{
    /// <summary>The due action as a JSON object, with an <c>Idempotency-Key</c> header.</summary>
    Json,

    /// <summary>Slack's incoming-webhook message: <c>{"text": "…"}</c>.</summary>
    Slack,
}
