using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IncidentService.Shared;

namespace IncidentService.Intake;

/// <summary>What the intakes share: reading a body under the size limit, the refusal shape, secret comparison.</summary>
internal static class IntakeHttp
{
    /// <summary>The largest body any intake reads: 512 KB, PagerDuty's own limit.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    /// <summary>Reads the whole body, stopping at one byte over <see cref="MaxBodyBytes"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="status">The refusal's <c>status</c> (such as <c>invalid event</c>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body, or the refusal to answer with: 413 when it is larger than the limit, 400 when the server
    /// could not read it (a malformed chunk, a body that stopped short of its declared length, a client too slow);
    /// exactly one is not <see langword="null"/>.</returns>
    public static async Task<(byte[]? Body, IResult? Refusal)> ReadBodyAsync(HttpRequest request, string status, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge(status));
        }

        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        return body switch
        {
            { TooLarge: true } => (null, TooLarge(status)),
            { Unreadable: { } reason } => (null, Refuse(StatusCodes.Status400BadRequest, status, "Request body could not be read", [reason])),
            _ => (body.Bytes, null),
        };
    }

    /// <summary>A refusal in PagerDuty's shape: <c>{"status": …, "message": …, "errors": […]}</c>.</summary>
    public static IResult Refuse(int statusCode, string status, string message, IEnumerable<string> errors) =>
        Results.Json(new RefusalBody(status, message, [.. errors]), statusCode: statusCode);

    /// <summary>413 for a body over the limit.</summary>
    public static IResult TooLarge(string status) =>
        Refuse(StatusCodes.Status413PayloadTooLarge, status, "Request body is too large",
            [$"the body is larger than {MaxBodyBytes} bytes (512 KB)"]);

    /// <summary>Parses JSON, giving a reason instead of an exception.</summary>
    public static JsonDocument? ParseJson(byte[] body, out string? error)
    {
        try
        {
            error = null;
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            error = $"the body is not valid JSON: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// Reads the request's body under the size limit and parses it as JSON, or gives the refusal to answer with: 413
    /// over <see cref="MaxBodyBytes"/>, 400 for a body the server could not read or (with the parser's reason) that is
    /// not JSON. Every JSON intake
    /// starts with this, so they all refuse the same way.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="status">The refusal's <c>status</c> (such as <c>invalid event</c>).</param>
    /// <param name="message">The refusal's <c>message</c> for a body that is not JSON (such as <c>Event object is invalid</c>).</param>
    /// <returns>The parsed document (the caller disposes it), or the refusal; exactly one is not <see langword="null"/>.</returns>
    public static async Task<(JsonDocument? Document, IResult? Refusal)> ReadJsonAsync(HttpContext context, string status, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (body, refusal) = await ReadBodyAsync(context.Request, status, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return (null, refusal);
        }

        var document = ParseJson(body, out var error);
        return document is null
            ? (null, Refuse(StatusCodes.Status400BadRequest, status, message, [error!]))
            : (document, null);
    }

    /// <summary>
    /// Checks that an event is a JSON object and looks up its <c>routing_key</c>, adding each problem to
    /// <paramref name="errors"/> (the PagerDuty-compatible alert and change events share this start).
    /// </summary>
    /// <param name="root">The parsed body.</param>
    /// <param name="settings">The intakes' settings.</param>
    /// <param name="what">What the body is, for the error (<c>the event</c>, <c>the change event</c>).</param>
    /// <param name="errors">Where each problem is added as <c>path: reason</c>.</param>
    /// <param name="isObject">Whether the body is an object at all (when not, nothing more can be read).</param>
    /// <returns>The route, or <see langword="null"/> when the key is missing or unknown.</returns>
    public static IntakeRoute? RouteOf(JsonElement root, IntakeSettings settings, string what, List<string> errors, out bool isObject)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        isObject = root.ValueKind == JsonValueKind.Object;
        if (!isObject)
        {
            errors.Add($"$: {what} must be a JSON object, not {Describe(root.ValueKind)}");
            return null;
        }

        var routingKey = RequiredString(root, "routing_key", "", 256, errors);
        if (routingKey is null)
        {
            return null;
        }

        if (!settings.RoutingKeys.TryGetValue(routingKey, out var route))
        {
            errors.Add("routing_key: unknown routing key");
            return null;
        }

        return route;
    }

    /// <summary>Compares a secret sent with the configured one in constant time (both hashed first, so their lengths do
    /// not leak either).</summary>
    public static bool SecretEquals(string? sent, string expected)
    {
        if (sent is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    /// <summary>A string property: absent gives <see langword="null"/> with no error; anything but a string is an error.</summary>
    public static string? OptionalString(JsonElement obj, string name, string path, List<string> errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}{name}: must be a string, not {Describe(value.ValueKind)}");
            return null;
        }

        return value.GetString();
    }

    /// <summary>A required non-empty string of at most <paramref name="maxLength"/> characters.</summary>
    public static string? RequiredString(JsonElement obj, string name, string path, int maxLength, List<string> errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add($"{path}{name}: is missing");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}{name}: must be a string, not {Describe(value.ValueKind)}");
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"{path}{name}: must not be empty");
            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add($"{path}{name}: is {text.Length} characters long; at most {maxLength} are allowed");
            return null;
        }

        return text;
    }

    /// <summary>How a JSON kind reads in an error.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private sealed record RefusalBody(string Status, string Message, string[] Errors);
}
