using System.Collections;
using System.Reflection;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Tests.Obligations;

/// <summary>
/// A kept fold is one <c>FoldState</c>, cloned whole when kept and cloned back when an evaluation continues from it.
/// These hold every field of it to that, by reflection, so that a field added later is not forgotten: the clone has the
/// same values and shares no collection the engine could change, and a reset leaves nothing of the last incident.
/// </summary>
public class FoldStateTests
{
    private static readonly FieldInfo[] Fields = typeof(ObligationEngine.FoldState).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

    /// <summary>A kept fold's state after a rich history: severity change, roles, updates, impacts, flags, an escalation
    /// policy's pages and its stop, an action item.</summary>
    private static ObligationEngine.FoldState KeptState()
    {
        var incident = IncidentFixture.Raised("SEV-2");
        (IncidentCommand Command, Actor Actor, int Minutes)[] steps =
        [
            (new Acknowledge(), IncidentFixture.Alex, 1), (new Declare("SEV-1", "checkout errors"), IncidentFixture.Alex, 2),
            (new AssignCommander("sarah"), IncidentFixture.Alex, 2), (new AssignRole("comms-lead", "kim"), IncidentFixture.Sarah, 3),
            (new PostStatusUpdate(StatusAudience.External, "Investigating."), IncidentFixture.Sarah, 10),
            (new RecordImpact("revenueLoss", 47_000, "USD"), IncidentFixture.Sarah, 12), (new RaiseFlag("checkoutDown"), IncidentFixture.Sarah, 13),
            (new AddActionItem("AI-1", "add a circuit breaker", "alex", new LocalDate(2026, 6, 5)), IncidentFixture.Sarah, 14),
        ];
        foreach (var (command, actor, minutes) in steps)
        {
            var result = incident.Apply(command, actor, IncidentFixture.At(minutes), incident.Version);
            Assert.True(result.IsAccepted, $"{command}: {result.Rejection?.Reason}");
            incident = result.Incident!;
        }

        // Before the default page-engineering-manager rule starts to hold (30 minutes after the alert): the kept fold
        // has a next change, so it keeps its state.
        ResponsePolicy.Default.Evaluate(incident, IncidentFixture.At(20));
        var kept = Assert.IsType<ObligationEngine.Folded>(ObligationEngine.KeptFolds.Find(ResponsePolicy.Default, incident, Instant.MaxValue));
        return Assert.IsType<ObligationEngine.FoldState>(kept.State);
    }

    private static IEnumerable<object?> Items(object value) => ((IEnumerable)value).Cast<object?>();

    [Fact]
    public void TheKeptState_HasEveryFieldSet()
    {
        var state = KeptState();
        foreach (var field in Fields.Where(f => f.Name != nameof(ObligationEngine.FoldState.SlotsShared)))
        {
            var value = field.GetValue(state);
            Assert.False(value is null || (field.FieldType.IsValueType && value.Equals(Activator.CreateInstance(field.FieldType))) || (value is IEnumerable items && !Items(items).Any()),
                $"{field.Name} is empty after a rich history: add to the history what sets it, so that these tests see it copied");
        }
    }

    [Fact]
    public void ACloneHasEveryField_AndSharesNoCollection()
    {
        var state = KeptState();
        foreach (var shareSlots in new[] { false, true })
        {
            var clone = state.Clone(shareSlots);
            foreach (var field in Fields)
            {
                var (original, copied) = (field.GetValue(state), field.GetValue(clone));
                if (field.Name == nameof(ObligationEngine.FoldState.SlotsShared))
                {
                    Assert.Equal(shareSlots, copied);
                }
                else if (original is IEnumerable items)
                {
                    var count = field.Name == nameof(ObligationEngine.FoldState.Slots) ? state.Count : int.MaxValue;
                    Assert.Equal(Items(items).Take(count), Items(copied!).Take(count));
                    Assert.True(!ReferenceEquals(original, copied) || (shareSlots && field.Name == nameof(ObligationEngine.FoldState.Slots)), $"{field.Name} is shared");
                }
                else
                {
                    Assert.Equal(original, copied);
                }
            }
        }
    }

    [Fact]
    public void AResetLeavesNothingOfTheLastIncident()
    {
        var state = KeptState().Clone(shareSlots: false);
        state.Reset();
        var fresh = new ObligationEngine.FoldState();
        foreach (var field in Fields.Where(f => f.Name != nameof(ObligationEngine.FoldState.Slots)))
        {
            var (value, expected) = (field.GetValue(state), field.GetValue(fresh));
            if (value is IEnumerable items)
            {
                Assert.True(Items(items).All(i => i is false), $"{field.Name} still holds something");
            }
            else
            {
                Assert.Equal(expected, value);
            }
        }
    }
}
