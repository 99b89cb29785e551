using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using NodaTime;

namespace IncidentPolicy.Testing.Tests;

public sealed class PolicyScenarioTests
{
    private static readonly Instant AlertAt = Instant.FromUtc(2026, 5, 29, 4, 2);
    private static readonly Actor Alex = new("alex", "on-call-engineer");
    private static readonly Actor Erin = new("erin", "engineering-manager");

    private static PolicyScenario Seed() =>
        PolicyScenario.For(ResponsePolicy.Default).StartAt(AlertAt).RaiseAlert("Checkout error rate > 5%", severity: "SEV-1", service: "checkout");

    [Fact]
    public void Scenario_SeedIncident_DueOverdueAndMetAsTheClockMoves()
    {
        var scenario = Seed()
            .ExpectPending("acknowledge")
            .ExpectDueAt("acknowledge", AlertAt + Duration.FromMinutes(5))
            .ExpectDueAt("respond:comms-lead", AlertAt + Duration.FromMinutes(15))
            .Advance(Duration.FromMinutes(5))
            .As(Alex).Apply(new Acknowledge())
            .ExpectMet("acknowledge")
            .ExpectDue("declare")
            .ExpectOverdue("declare")
            .Advance(Duration.FromMinutes(5))
            .Apply(new Declare("SEV-1", "Checkout errors"))
            .ExpectMetLate("declare")
            .Apply(new AssignCommander("sarah"))
            .ExpectMetLate("assignCommander")
            .AdvanceToNextWakeUp()
            .ExpectStatus(IncidentStatus.Investigating);

        Assert.Equal(AlertAt + Duration.FromMinutes(15), scenario.Now);
        Assert.Equal(scenario.Now, scenario.Clock.GetCurrentInstant());
        scenario.ExpectDue("respond:comms-lead").ExpectNoObligation("respond:scribe");
        Assert.Contains("2026-05-29T04:07:00Z  alex  Acknowledge", scenario.Timeline, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_ResolveByOthers_IsRejectedUnderTheCommanderRule()
    {
        Seed().As(Alex).Apply(new Declare("SEV-1", "Checkout errors"))
            .ExpectRejected(new Resolve(), "commander.required")
            .Apply(new AssignCommander("sarah"))
            .As(new Actor("olga")).ExpectRejected(new Resolve(), "resolve.byCommander")
            .As(Erin).Apply(new Resolve("stable"))
            .ExpectStatus(IncidentStatus.Resolved)
            .ExpectCancelled("respond:comms-lead")
            .ExpectPending("schedulePostMortem");
    }

    [Fact]
    public void Expect_WrongState_FailsWithTheTimelineAndObligations()
    {
        var scenario = Seed().Advance(Duration.FromMinutes(6));

        var error = Assert.Throws<PolicyAssertionException>(() => scenario.ExpectMet("acknowledge"));

        Assert.StartsWith("expected acknowledge to be met, but it is overdue", error.Message, StringComparison.Ordinal);
        Assert.Contains("timeline:", error.Message, StringComparison.Ordinal);
        Assert.Contains("2026-05-29T04:02:00Z  monitoring  RaiseAlert", error.Message, StringComparison.Ordinal);
        Assert.Contains("2026-05-29T04:08:00Z  +PT6M", error.Message, StringComparison.Ordinal);
        Assert.Contains("acknowledge  overdue  due", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_UnknownKey_SaysThereIsNone()
    {
        var error = Assert.Throws<PolicyAssertionException>(() => Seed().ExpectPending("respond:scribe"));

        Assert.StartsWith("expected respond:scribe to be pending, but there is no obligation respond:scribe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RejectedCommand_FailsWithTheRejection()
    {
        var error = Assert.Throws<PolicyAssertionException>(() => Seed().As(Alex).Apply(new Close()));

        Assert.Contains("was not accepted", error.Message, StringComparison.Ordinal);
        Assert.Contains("REJECTED", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectRejected_AcceptedCommand_Fails()
    {
        var error = Assert.Throws<PolicyAssertionException>(() => Seed().As(Alex).ExpectRejected(new Acknowledge()));

        Assert.StartsWith("expected Acknowledge", error.Message, StringComparison.Ordinal);
        Assert.Contains("but it was accepted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectNothingOverdue_SomethingOverdue_NamesIt()
    {
        var error = Assert.Throws<PolicyAssertionException>(() => Seed().Advance(Duration.FromMinutes(5)).ExpectNothingOverdue());

        Assert.StartsWith("expected nothing overdue, but escalate:page-on-call.1.on-call-engineer#1, ", error.Message, StringComparison.Ordinal);
        Assert.Contains("acknowledge, assignCommander, declare are\n", error.Message.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Advance_Backwards_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Seed().Advance(-Duration.FromMinutes(1)));

    [Fact]
    public void Incident_BeforeTheAlert_Throws() =>
        Assert.Throws<InvalidOperationException>(() => PolicyScenario.For(ResponsePolicy.Default).StartAt(AlertAt).Incident);

    [Fact]
    public void Expect_AfterDeclineEverythingCancelled_Holds() =>
        Seed().As(Alex).Apply(new Decline("false alarm")).ExpectStatus(IncidentStatus.Declined)
            .ExpectCancelled("acknowledge").ExpectNothingOverdue().Expect("respond:comms-lead", ObligationState.Cancelled);
}
