namespace IncidentService.Hosting;

/// <summary>One outbound webhook every due page, notification and reminder is delivered to
/// (configuration <c>IncidentService:Webhooks:N</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>A short name, shown with each delivery on the dashboard and in the metrics. Unique.</summary>
    public string Name { get; set; } = "";

    /// <summary>The absolute <c>http</c> or <c>https</c> address to POST to.</summary>
    public Uri? Url { get; set; }

    /// <summary>The message format. Default <see cref="WebhookKind.Json"/>.</summary>
    public WebhookKind Kind { get; set; } = WebhookKind.Json;
}
