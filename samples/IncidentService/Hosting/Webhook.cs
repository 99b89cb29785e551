namespace IncidentService.Hosting;

/// <summary>An outbound webhook as the service uses it.</summary>
/// <param name="Name">Its unique name.</param>
/// <param name="Url">Where to POST.</param>
/// <param name="Kind">The message format.</param>
public sealed record Webhook(string Name, Uri Url, WebhookKind Kind);
