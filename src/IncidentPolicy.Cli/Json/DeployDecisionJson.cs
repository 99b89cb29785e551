using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentPolicy.Changes;
using NodaTime;

namespace IncidentPolicy.Cli.Json;

/// <summary>
/// The JSON of <c>incident-policy deploy-check --format json</c>, a <see cref="DeployDecision"/>: <c>{"at": "…", "allowed": false,
/// "window": "overnight-freeze", "frozenFrom": "…", "frozenUntil": "…", "approvedBy": null, "reason": "…"}</c>.
/// Instants are ISO 8601 UTC ending in <c>Z</c>, or local time with the offset with <c>--zone</c>/<c>--local</c>; every key is written, <c>null</c> when it has no value.
/// </summary>
/// <remarks>All members are pure and thread-safe.</remarks>
internal static class DeployDecisionJson
{
    /// <summary>Writes the decision.</summary>
    /// <param name="decision">The decision, from <see cref="ResponsePolicy.CanDeploy(Instant, IEnumerable{string})"/>.</param>
    /// <param name="clock">Where instants are written: UTC (<c>…Z</c>) or a zone with offsets.</param>
    /// <returns>The JSON text, indented, without a trailing line break.</returns>
    public static string Serialize(DeployDecision decision, CliTime clock)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var document = new DeployDecisionDocument
        {
            At = decision.At,
            Allowed = decision.IsAllowed,
            Window = decision.Window?.Id,
            FrozenFrom = decision.FrozenFrom,
            FrozenUntil = decision.FrozenUntil,
            ApprovedBy = decision.ApprovedBy,
            Reason = decision.Reason,
        };
        return JsonSerializer.Serialize(document, clock.Json.DeployDecisionDocument);
    }
}

internal sealed class DeployDecisionDocument
{
    public Instant At { get; set; }

    public bool Allowed { get; set; }

    public string? Window { get; set; }

    public Instant? FrozenFrom { get; set; }

    public Instant? FrozenUntil { get; set; }

    public string? ApprovedBy { get; set; }

    public string? Reason { get; set; }
}
