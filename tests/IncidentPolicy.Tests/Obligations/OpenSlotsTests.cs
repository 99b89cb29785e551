using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Testing;
using NodaTime;

namespace IncidentPolicy.Tests.Obligations;

/// <summary>
/// From <see cref="ObligationEngine.IndexFrom"/> obligations on, the engine meets and cancels through an index of the
/// open ones instead of looking at every obligation. These hold the index to the plain scan: the same evaluation with
/// the index used from the first obligation and never, under generated escalation sections and histories.
/// </summary>
public class OpenSlotsTests
{
    [Property(MaxTest = 300)]
    public Property IndexedMeetingAndCancelling_AnswersAsTheScan() =>
        Prop.ForAll(EscalationChecksTests.Cases.ToArbitrary(), c =>
        {
            var (history, offsets) = c;
            var incident = history.Incident;
            var policy = history.Policy;
            var instants = incident.Events.Select(e => e.At)
                .Concat(offsets.Select(m => incident.LastEventAt + Duration.FromMinutes(m)))
                .Concat(offsets.Select(m => incident.AlertAt + Duration.FromMinutes(m)));
            return instants.All(now => EscalationChecksTests.Same(
                ObligationEngine.EvaluateWithIndexFrom(policy, incident, now, 0),
                ObligationEngine.EvaluateWithIndexFrom(policy, incident, now, int.MaxValue)));
        });

    [Fact]
    public void IndexBuiltHalfwayThroughAFold_AnswersAsTheScan()
    {
        // Severity changes every 20 minutes leave overdue respond obligations open while new ones are planned; the
        // index is built when the count passes its threshold, in the middle of the fold.
        var t0 = Instant.FromUtc(2026, 5, 29, 4, 0);
        var events = new List<IncidentEvent> { new AlertFired(t0, "mon", "checkout errors", null, "SEV-1") };
        for (var i = 1; i <= 60; i++)
        {
            var at = t0 + Duration.FromMinutes(20 * i);
            events.Add(i % 7 == 0
                ? new RoleAssigned(at, "sarah", "comms-lead", "kim")
                : new SeverityChanged(at, "sarah", i % 2 == 0 ? "SEV-1" : "SEV-2"));
        }

        var incident = Incident.ReplayLenient(ResponsePolicy.Default, "INC-1", events).Incident;
        foreach (var minutes in new[] { 0, 10, 600, 1210, 5000 })
        {
            var now = t0 + Duration.FromMinutes(minutes);
            var plain = ObligationEngine.EvaluateWithIndexFrom(ResponsePolicy.Default, incident, now, int.MaxValue);
            Assert.True(plain.Obligations.Count > ObligationEngine.IndexFrom || minutes < 1000);
            Assert.Equal(plain.Obligations, ObligationEngine.EvaluateWithIndexFrom(ResponsePolicy.Default, incident, now, ObligationEngine.IndexFrom).Obligations);
            Assert.Equal(plain.Obligations, ResponsePolicy.Default.Evaluate(incident, now).Obligations);
        }
    }
}
