using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using IncidentService.Intake.Slack;

namespace IncidentService.Tests.Intake;

/// <summary>Posting to the intakes as their senders do.</summary>
internal static class IntakeClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(HttpClient client, string path, string json, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostRawAsync(HttpClient client, string path, byte[] body, string contentType, IEnumerable<(string, string)>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static string Form(string userId, string text, string channelId = "CINCIDENT") =>
        $"token=ignored&team_id=T1&channel_id={Uri.EscapeDataString(channelId)}&user_id={Uri.EscapeDataString(userId)}"
        + $"&command=%2Fincident&text={Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal)}";

    public static Task<(HttpStatusCode Status, JsonElement Body)> SlackAsync(
        HttpClient client, ServiceHost factory, string userId, string text, string channelId = "CINCIDENT")
    {
        var body = Encoding.UTF8.GetBytes(Form(userId, text, channelId));
        var timestamp = factory.Clock.GetCurrentInstant().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return PostRawAsync(client, "/slack/commands", body, "application/x-www-form-urlencoded",
            [("X-Slack-Request-Timestamp", timestamp), ("X-Slack-Signature", SlackSignature.Sign(factory.SigningSecret, timestamp, body))]);
    }

    public static string Trigger(string dedupKey, string severity = "critical", string summary = "checkout 5xx above 5%") =>
        $$$"""{"routing_key":"{{{ServiceHost.RoutingKey}}}","event_action":"trigger","dedup_key":"{{{dedupKey}}}","payload":{"summary":"{{{summary}}}","source":"prometheus","severity":"{{{severity}}}"}}""";

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
