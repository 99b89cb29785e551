using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Obligations;
using NodaTime;

namespace IncidentPolicy.Tests.Obligations;

/// <summary><see cref="Obligation"/> is a plain positional record: properties give back what was given, <c>with</c>
/// changes one thing, equality is by value, and a zero value is not a missing one.</summary>
public class ObligationRecordTests
{
    private static readonly Gen<Instant?> OptionalInstant =
        Gen.Choose(-100_000, 100_000).Select(m => (Instant?)Instant.FromUtc(2026, 5, 29, 4, 2).PlusNanoseconds(m * 60_000_000_007L)).Or(Gen.Constant((Instant?)null));

    private static readonly Gen<Obligation> Obligations =
        from kind in Gen.Elements(Enum.GetValues<ObligationKind>())
        from state in Gen.Elements(Enum.GetValues<ObligationState>())
        from due in OptionalInstant
        from met in OptionalInstant
        from late in Gen.Choose(-500, 500).Select(m => (Duration?)Duration.FromSeconds(m)).Or(Gen.Constant((Duration?)null))
        from cancelled in OptionalInstant
        from key in Gen.Elements("acknowledge", "externalUpdate#2", "respond:comms-lead")
        select new Obligation(key, kind, due ?? Instant.MinValue, state, met, late, cancelled, "SEV-1.respond", "because");

    [Property(MaxTest = 300)]
    public Property PropertiesGiveBackTheConstructorValues_AndWithChangesOnlyWhatItNames() =>
        Prop.ForAll(Obligations.ToArbitrary(), OptionalInstant.ToArbitrary(), (o, other) =>
        {
            var copy = new Obligation(o.Key, o.Kind, o.DueAt, o.State, o.MetAt, o.LateBy, o.CancelledAt, o.RuleId, o.Reason);
            var changed = o with { MetAt = other };
            var cleared = o with { MetAt = null, LateBy = null, CancelledAt = null };
            return copy.Equals(o) && copy.GetHashCode() == o.GetHashCode()
                && changed.MetAt == other && changed.LateBy == o.LateBy && changed.CancelledAt == o.CancelledAt && changed.Kind == o.Kind
                && changed.Equals(o) == (other == o.MetAt)
                && cleared.MetAt is null && cleared.LateBy is null && cleared.CancelledAt is null
                && cleared.Equals(new Obligation(o.Key, o.Kind, o.DueAt, o.State, null, null, null, o.RuleId, o.Reason));
        });

    [Fact]
    public void AZeroValueIsNotAMissingOne()
    {
        var epoch = NodaConstants.UnixEpoch;
        var withZeros = new Obligation("acknowledge", ObligationKind.Acknowledge, epoch, ObligationState.MetLate, epoch, Duration.Zero, epoch, "r", "why");
        var withoutValues = new Obligation("acknowledge", ObligationKind.Acknowledge, epoch, ObligationState.MetLate, null, null, null, "r", "why");

        Assert.Equal(epoch, withZeros.MetAt);
        Assert.Equal(Duration.Zero, withZeros.LateBy);
        Assert.Equal(epoch, withZeros.CancelledAt);
        Assert.NotEqual(withZeros, withoutValues);
        var (_, kind, _, state, metAt, lateBy, cancelledAt, _, _) = withZeros;
        Assert.Equal((ObligationKind.Acknowledge, ObligationState.MetLate, epoch, Duration.Zero, epoch), (kind, state, metAt!.Value, lateBy!.Value, cancelledAt!.Value));
    }

    [Fact]
    public void AnyEnumValue_IsKeptAsGiven()
    {
        var obligation = new Obligation("x", (ObligationKind)1000, Instant.MinValue, ObligationState.Pending, null, null, null, "r", "why");
        Assert.Equal((ObligationKind)1000, obligation.Kind);
        Assert.Equal((ObligationState)200, (obligation with { State = (ObligationState)200 }).State);
    }
}
