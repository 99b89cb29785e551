using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Calendars;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Testing;

/// <summary>
/// FsCheck arbitraries for IncidentPolicy's types, to register with FsCheck.Xunit:
/// <c>[Property(Arbitrary = new[] { typeof(IncidentArbitraries) })]</c>. A property may then take an
/// <see cref="Instant"/>, <see cref="Duration"/>, <see cref="BusinessCalendar"/>, <see cref="SeverityScale"/>,
/// <see cref="ResponsePolicy"/>, <see cref="IncidentCommand"/> or <see cref="IncidentHistory"/> parameter.
/// </summary>
/// <remarks>
/// <para>Histories are of <see cref="ResponsePolicy.Default"/>; for your own policy use
/// <see cref="Histories(ResponsePolicy)"/> with <c>Prop.ForAll</c>. Histories shrink: a failing one is cut down to
/// shorter histories that are still valid, so the counterexample FsCheck reports is small.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public static class IncidentArbitraries
{
    /// <summary>Instants to the minute in 2025–2028 (<see cref="IncidentGen.Instants"/>); no shrinking.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Instant> Instant() => IncidentGen.Instants.ToArbitrary();

    /// <summary>Durations of zero to 200 hours, to the minute; shrinks towards zero.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Duration> Duration() =>
        Arb.From(IncidentGen.Durations(NodaTime.Duration.Zero, NodaTime.Duration.FromHours(200)), ShrinkDuration);

    /// <summary>Business calendars over real tzdb zones, DST-observing ones included (<see cref="IncidentGen.Calendars"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<BusinessCalendar> BusinessCalendar() => IncidentGen.Calendars.ToArbitrary();

    /// <summary>Severity scales of one to five levels over roles <c>role-1</c>… (<see cref="IncidentGen.SeverityScales"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<SeverityScale> SeverityScale() =>
        IncidentGen.Roles.SelectMany(roles => IncidentGen.SeverityScales(roles.Select(r => r.Id).ToArray())).ToArbitrary();

    /// <summary>Whole valid policies (<see cref="IncidentGen.Policies"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ResponsePolicy> ResponsePolicy() => IncidentGen.Policies.ToArbitrary();

    /// <summary>Commands of every kind, many of them invalid in a given state (<see cref="IncidentGen.Commands"/>).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<IncidentCommand> IncidentCommand() => IncidentGen.Commands.ToArbitrary();

    /// <summary>Valid histories of <see cref="IncidentPolicy.ResponsePolicy.Default"/> that shrink to shorter valid
    /// ones.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<IncidentHistory> IncidentHistory() => Histories(IncidentPolicy.ResponsePolicy.Default);

    /// <summary>Valid histories of <paramref name="policy"/> (<see cref="IncidentGen.Histories(IncidentPolicy.ResponsePolicy)"/>)
    /// that shrink: a failing history is cut down — a tail or one step at a time — and re-driven through
    /// <see cref="Incident.Apply"/>, so every shrunk history is still valid and has fewer events.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<IncidentHistory> Histories(ResponsePolicy policy) =>
        Arb.From(IncidentGen.Histories(policy), IncidentGen.Shrink);

    private static IEnumerable<Duration> ShrinkDuration(Duration duration)
    {
        if (duration > NodaTime.Duration.Zero)
        {
            yield return NodaTime.Duration.Zero;
            var half = NodaTime.Duration.FromMinutes(Math.Floor(duration.TotalMinutes / 2));
            if (half > NodaTime.Duration.Zero && half < duration)
            {
                yield return half;
            }
        }
    }
}
