using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Primitives;
using IncidentPolicy.Testing;
using NodaTime;

namespace PolicyTests.Tests;

/// <summary>Style 1: a scenario, step by step on a fake clock, asserting what the policy says is due.</summary>
public class ScenarioTests
{
    private static readonly Actor Dana = new("dana", "on-call-engineer");
    private static readonly Actor Lee = new("lee", "engineering-manager");

    [Fact]
    public void P1_AtNightInNewYork_PagesThenOwesCommanderAndStatusPage() =>
        PolicyScenario.For(MyPolicy.Policy)
            .StartAt(Instant.FromUtc(2026, 3, 8, 6, 50))              // 01:50 EST, ten minutes before clocks spring forward
            .RaiseAlert("Payments failing", severity: "P1")
            .ExpectDueAt("acknowledge", Instant.FromUtc(2026, 3, 8, 6, 55))
            .ExpectDue("escalate:page-primary.1.on-call-engineer#1")   // the first level pages at once
            .Advance(Duration.FromMinutes(4))
            .As(Dana).Apply(new Acknowledge())
            .ExpectMet("acknowledge")
            .Apply(new Declare("P1", "Payments failing"))
            .Apply(new AssignCommander("sam"))
            .ExpectMet("assignCommander")
            .ExpectPending("firstExternalUpdate")
            .Advance(Duration.FromMinutes(17))
            .ExpectOverdue("firstExternalUpdate")
            .Apply(new PostStatusUpdate(StatusAudience.External, "We are investigating failed payments."))
            .ExpectMetLate("firstExternalUpdate")
            .ExpectDueAt("externalUpdate#1", Instant.FromUtc(2026, 3, 8, 7, 41));

    [Fact]
    public void P1_ResolvedWithoutCommander_IsRejected() =>
        PolicyScenario.For(MyPolicy.Policy)
            .StartAt(Instant.FromUtc(2026, 6, 1, 14, 0))
            .RaiseAlert("Login errors", severity: "P1")
            .Advance(Duration.FromMinutes(20))
            .As(Lee).ExpectRejected(new Resolve("fixed"), "commander.required")
            .Apply(new AssignCommander("sam"))
            .Apply(new Resolve("fixed"))
            .ExpectStatus(IncidentStatus.Resolved)
            .ExpectPending("schedulePostMortem");

    [Fact]
    public void P4_OnFridayEvening_IsDueInBusinessHoursAfterTheWeekend() =>
        PolicyScenario.For(MyPolicy.Policy)
            .StartAt(Instant.FromUtc(2026, 7, 10, 20, 0))             // Friday 16:00 EDT
            .RaiseAlert("Typo on the pricing page", severity: "P4")
            .ExpectDueAt("acknowledge", Instant.FromUtc(2026, 7, 13, 16, 0)) // 1 h on Friday + 3 h from Monday 09:00 EDT
            .ExpectNothingOverdue();
}
