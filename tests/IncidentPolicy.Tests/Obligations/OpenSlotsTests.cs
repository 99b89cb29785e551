using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using NodaTime;

namespace IncidentPolicy.Tests.Obligations;

/// <summary>
/// From <see cref="ObligationEngine.IndexFrom"/> obligations on, the engine meets and cancels through an index of the
/// open ones instead of looking at every obligation. These hold the index to the plain fold (<see cref="ObligationFold"/>),
/// which looks at every obligation, under generated escalation sections and histories grown past the index's threshold.
/// </summary>
public class OpenSlotsTests
{
    /// <summary>The generated history, then <paramref name="more"/> severity changes, status updates, role assignments
    /// and pages recorded, a few minutes apart: enough obligations for the index to be built in the middle of the fold.</summary>
    private static Incident Grown(ResponsePolicy policy, IReadOnlyList<IncidentEvent> events, int more)
    {
        var grown = events.ToList();
        var at = events[^1].At;
        for (var i = 1; i <= more; i++)
        {
            at += Duration.FromMinutes(7);
            grown.Add((i % 5) switch
            {
                0 => new StatusUpdatePosted(at, "sarah", StatusAudience.External, "update"),
                1 => new RoleAssigned(at, "sarah", "comms-lead", "kim"),
                2 => new NotificationSent(at, "bot", "escalate:page-engineering-manager#1", "erin"),
                _ => new SeverityChanged(at, "sarah", i % 2 == 0 ? "SEV-1" : "SEV-2", null),
            });
        }

        return Incident.ReplayLenient(policy, "INC-1", grown).Incident;
    }

    [Property(MaxTest = 150)]
    public Property IndexedMeetingAndCancelling_AnswersAsThePlainFold() =>
        Prop.ForAll(EscalationChecksTests.Cases.ToArbitrary(), c =>
        {
            var (history, offsets) = c;
            var incident = Grown(history.Policy, history.Events, 30);
            var instants = incident.Events.Where((_, i) => i % 4 == 0).Select(e => e.At)
                .Concat(offsets.Select(m => incident.LastEventAt + Duration.FromMinutes(m)));
            return instants.All(now => EscalationChecksTests.Same(history.Policy.Evaluate(incident, now), ObligationFold.Evaluate(history.Policy, incident, now)));
        });

    [Fact]
    public void IndexBuiltHalfwayThroughAFold_AnswersAsThePlainFold()
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
            var plain = ObligationFold.Evaluate(ResponsePolicy.Default, incident, now);
            Assert.True(plain.Obligations.Count > ObligationEngine.IndexFrom || minutes < 1000);
            Assert.Equal(plain.Obligations, ResponsePolicy.Default.Evaluate(incident, now).Obligations);
        }
    }
}
