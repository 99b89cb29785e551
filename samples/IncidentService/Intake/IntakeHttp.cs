using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IncidentService.Intake;

/// <summary>What the intakes share: reading a body under the size limit, the refusal shape, secret comparison.</summary>
internal static class IntakeHttp
{
    /// <summary>The largest body any intake reads: 512 KB, PagerDuty's own limit.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    /// <summary>Reads the whole body, stopping at one byte over <see cref="MaxBodyBytes"/>.</summary>
    /// <returns>The body, or <see langword="null"/> when it is larger than the limit.</returns>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
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
