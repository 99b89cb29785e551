using System.Security.Cryptography;
using System.Text;
using IncidentPolicy.Serialization;

namespace IncidentPolicy;

public sealed partial class ResponsePolicy
{
    private string? _contentHash;

    /// <summary>
    /// A fingerprint of the policy's content: <c>sha256:</c> and the lower-case hex SHA-256 of its canonical JSON
    /// (<see cref="PolicyJson.Serialize"/>). Two policies with the same content have the same hash, however they
    /// were built. An incident records it at the alert, so an audit with another policy can say so.
    /// </summary>
    /// <remarks>The hash is defined over the canonical file form, so it is computed by the serializer rather than
    /// by a second, parallel description of the content. Computed once per policy, thread-safe.</remarks>
    public string ContentHash => _contentHash ??= Compute();

    private string Compute() =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PolicyJson.Serialize(this))));
}
