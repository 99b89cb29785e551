using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace IncidentService.Intake.Slack;

/// <summary>
/// Slack's request signing, version <c>v0</c>: the signature is <c>v0=</c> and the lower-case hex HMAC-SHA256, keyed
/// with the app's signing secret, of <c>v0:{X-Slack-Request-Timestamp}:{raw body}</c>. A request is genuine when the
/// <c>X-Slack-Signature</c> header equals it (compared in constant time) and its timestamp is within five minutes of
/// the service's clock, either way, so a captured request cannot be replayed later.
/// </summary>
/// <remarks>Pure and thread-safe.</remarks>
public static class SlackSignature
{
    /// <summary>How far a request's timestamp may be from now: five minutes.</summary>
    public static Duration MaxSkew { get; } = Duration.FromMinutes(5);

    /// <summary>The last Unix second NodaTime can represent (9999-12-31T23:59:59Z); a larger timestamp is not a time.</summary>
    private static readonly long MaxUnixSeconds = Instant.MaxValue.ToUnixTimeSeconds();

    /// <summary>Signs a request as Slack does.</summary>
    /// <param name="signingSecret">The app's signing secret.</param>
    /// <param name="timestamp">The timestamp header's text (Unix seconds).</param>
    /// <param name="body">The raw body.</param>
    /// <returns>The signature: <c>v0=</c> and 64 lower-case hex digits.</returns>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(signingSecret);
        ArgumentNullException.ThrowIfNull(timestamp);
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message));
    }

    /// <summary>Checks a request's signature and timestamp.</summary>
    /// <param name="signingSecret">The app's signing secret.</param>
    /// <param name="timestamp">The <c>X-Slack-Request-Timestamp</c> header, or <see langword="null"/> when absent.</param>
    /// <param name="signature">The <c>X-Slack-Signature</c> header, or <see langword="null"/> when absent.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="now">The service's clock now.</param>
    /// <returns><see langword="null"/> when the request is genuine; otherwise why not, in plain words.</returns>
    public static string? Verify(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, Instant now)
    {
        ArgumentNullException.ThrowIfNull(signingSecret);
        if (string.IsNullOrEmpty(timestamp))
        {
            return "the X-Slack-Request-Timestamp header is missing";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxUnixSeconds)
        {
            return "the X-Slack-Request-Timestamp header is not a Unix time in seconds";
        }

        var sentAt = Instant.FromUnixTimeSeconds(seconds);
        if (sentAt < now - MaxSkew || sentAt > now + MaxSkew)
        {
            return "the request's timestamp is more than 5 minutes from now; refused as a possible replay";
        }

        if (string.IsNullOrEmpty(signature))
        {
            return "the X-Slack-Signature header is missing";
        }

        var expected = Encoding.ASCII.GetBytes(Sign(signingSecret, timestamp, body));
        var sent = Encoding.UTF8.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, sent) ? null : "the signature does not match the body and the signing secret";
    }
}
