namespace IncidentService.Tests.Servers;

/// <summary>One request a <see cref="WebhookReceiver"/> received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path (and query string).</param>
/// <param name="Headers">The headers, names case-insensitive; repeated headers joined with <c>, </c>.</param>
/// <param name="Body">The body as UTF-8 text.</param>
/// <param name="AnsweredStatus">The status code the receiver answered.</param>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, int AnsweredStatus)
{
    /// <summary>A header's value, or <see langword="null"/> when it was not sent.</summary>
    /// <param name="name">The header's name (any case).</param>
    /// <returns>The value.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
