using System.Security.Cryptography;
using System.Text;
using IncidentPolicy.Lifecycle;
using IncidentService.Shared;

namespace IncidentService.Hosting;

/// <summary>
/// The configured API keys. A key is compared with every configured key in constant time — SHA-256 of both sides,
/// compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, and no early exit — so the answer's timing
/// says nothing about how much of a guess was right, or which key matched. Immutable and thread-safe.
/// </summary>
public sealed class ApiKeyActors : IApiKeyActors
{
    private readonly (byte[] Hash, ApiKey Key)[] _keys;

    /// <summary>Creates the lookup.</summary>
    /// <param name="keys">The configured keys.</param>
    public ApiKeyActors(IEnumerable<ApiKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [.. keys.Select(k => (SHA256.HashData(Encoding.UTF8.GetBytes(k.Key)), k))];
    }

    /// <inheritdoc />
    public Actor? Find(string apiKey) => FindKey(apiKey)?.Actor;

    /// <summary>The configured key matching <paramref name="apiKey"/>, with its read-only flag.</summary>
    /// <param name="apiKey">The key as sent.</param>
    /// <returns>The key, or <see langword="null"/> when unknown.</returns>
    public ApiKey? FindKey(string apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        ApiKey? found = null;
        foreach (var (candidate, key) in _keys)
        {
            // No early exit: every key is compared whatever matched.
            if (CryptographicOperations.FixedTimeEquals(hash, candidate))
            {
                found = key;
            }
        }

        return found;
    }
}
