using NodaTime;

namespace IncidentPolicy.Changes;

/// <summary>
/// The answer of <see cref="ResponsePolicy.CanDeploy(Instant, IEnumerable{string})"/>: whether a deployment at an
/// instant is allowed, the change window that decided it, and a plain reason.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DeployDecision
{
    private DeployDecision(bool isAllowed, Instant at, ChangeWindow? window, Instant? frozenFrom, Instant? frozenUntil, string? approvedBy, string reason)
    {
        IsAllowed = isAllowed;
        At = at;
        Window = window;
        FrozenFrom = frozenFrom;
        FrozenUntil = frozenUntil;
        ApprovedBy = approvedBy;
        Reason = reason;
    }

    /// <summary>Whether the deployment may go ahead.</summary>
    public bool IsAllowed { get; }

    /// <summary>The instant asked about.</summary>
    public Instant At { get; }

    /// <summary>The change window that refused the deployment, or that an approval lifted; <see langword="null"/>
    /// when the instant is outside every window.</summary>
    public ChangeWindow? Window { get; }

    /// <summary>Start (inclusive) of the occurrence of <see cref="Window"/> that holds <see cref="At"/>.</summary>
    public Instant? FrozenFrom { get; }

    /// <summary>End (exclusive) of the occurrence of <see cref="Window"/> that holds <see cref="At"/>: when deployments
    /// are allowed again without approval, as far as this window goes.</summary>
    public Instant? FrozenUntil { get; }

    /// <summary>The role whose approval lifted the freeze; <see langword="null"/> when none did or none was needed.</summary>
    public string? ApprovedBy { get; }

    /// <summary>Why, in plain words: <c>refused: 2026-05-29T03:45:00Z is inside change window overnight-freeze
    /// until 2026-05-29T06:00:00Z (…the window's reason…); approval by engineering-manager lifts it</c>.</summary>
    public string Reason { get; }

    /// <summary>The <see cref="Reason"/>.</summary>
    /// <returns>The reason.</returns>
    public override string ToString() => Reason;

    internal static DeployDecision Outside(Instant at) =>
        new(true, at, null, null, null, null, $"allowed: {IsoText.FormatInstant(at)} is outside every change window");

    internal static DeployDecision Approved(Instant at, ChangeWindow window, Instant from, Instant until, string role) =>
        new(true, at, window, from, until, role,
            $"allowed: {IsoText.FormatInstant(at)} is inside change window {window.Id} until {IsoText.FormatInstant(until)} ({window.Reason}), and {role} approved");

    internal static DeployDecision Refused(Instant at, ChangeWindow window, Instant from, Instant until) =>
        new(false, at, window, from, until, null,
            $"refused: {IsoText.FormatInstant(at)} is inside change window {window.Id} until {IsoText.FormatInstant(until)} ({window.Reason}); "
            + (window.ApprovedBy.Count == 0 ? "no approval lifts it" : $"approval by {string.Join(" or ", window.ApprovedBy)} lifts it"));
}
