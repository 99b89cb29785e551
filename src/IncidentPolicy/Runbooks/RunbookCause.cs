namespace IncidentPolicy.Runbooks;

/// <summary>
/// A common cause of the incidents a runbook covers, with its share of them and its mitigation —
/// "Payment provider outage (40% of incidents) → Mitigation: Switch to backup provider".
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RunbookCause
{
    /// <summary>Creates the cause.</summary>
    /// <param name="name">The cause, such as <c>Payment provider outage</c>.</param>
    /// <param name="sharePercent">Its share of incidents in whole percent, 0 to 100.</param>
    /// <param name="mitigation">What mitigates it, such as <c>Switch to backup provider</c>.</param>
    /// <exception cref="ArgumentException">A text is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sharePercent"/> is outside 0–100.</exception>
    public RunbookCause(string name, int sharePercent, string mitigation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(mitigation);
        ArgumentOutOfRangeException.ThrowIfNegative(sharePercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sharePercent, 100);
        Name = name;
        SharePercent = sharePercent;
        Mitigation = mitigation;
    }

    /// <summary>The cause.</summary>
    public string Name { get; }

    /// <summary>Its share of incidents, in whole percent (0 to 100).</summary>
    public int SharePercent { get; }

    /// <summary>What mitigates it.</summary>
    public string Mitigation { get; }
}
