using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Tests.Support;

/// <summary>People and a clock for lifecycle tests, and incidents brought to each state of the lifecycle.</summary>
internal static class IncidentFixture
{
    public static readonly Instant AlertAt = Instant.FromUtc(2026, 5, 29, 4, 2);

    public static readonly Actor Monitoring = new("monitoring");
    public static readonly Actor Alex = new("alex", "on-call-engineer");          // on the on-call rotation; acknowledges
    public static readonly Actor Sarah = new("sarah");                             // senior engineer, becomes commander
    public static readonly Actor Maria = new("maria", "comms-lead");
    public static readonly Actor Manager = new("erin", "engineering-manager");
    public static readonly Actor Security = new("sam", "security-team");
    public static readonly Actor Outsider = new("olga");

    public static Instant At(int minutes) => AlertAt + Duration.FromMinutes(minutes);

    public static Incident Raised(string? severity = null, ResponsePolicy? policy = null) =>
        Accepted(Incident.Raise(policy ?? ResponsePolicy.Default, "INC-1", new RaiseAlert("Checkout error rate > 5%", "checkout", severity), Monitoring, AlertAt));

    /// <summary>Applies a command that must be accepted, at <paramref name="minutes"/> after the alert.</summary>
    public static Incident Then(this Incident incident, IncidentCommand command, Actor actor, int minutes) =>
        Accepted(incident.Apply(command, actor, At(minutes), incident.Version));

    /// <summary>Applies a command at <paramref name="minutes"/> after the alert and returns the result.</summary>
    public static ApplyResult Try(this Incident incident, IncidentCommand command, Actor actor, int minutes) =>
        incident.Apply(command, actor, At(minutes), incident.Version);

    public static Incident Accepted(ApplyResult result)
    {
        Assert.True(result.IsAccepted, result.ToString());
        return result.Incident;
    }

    public static Rejection Rejected(ApplyResult result, RejectionCode code, string ruleId)
    {
        Assert.Equal(ApplyOutcome.Rejected, result.Outcome);
        Assert.Null(result.Event);
        Assert.Equal(code, result.Rejection!.Code);
        Assert.Equal(ruleId, result.Rejection.RuleId);
        return result.Rejection;
    }

    // The seed's SEV-1 path, one state at a time.
    public static Incident Acknowledged() => Raised().Then(new Acknowledge(), Alex, 5);

    public static Incident Investigating() => Acknowledged().Then(new Declare("SEV-1", "checkout errors"), Alex, 10);

    public static Incident WithCommander() => Investigating().Then(new AssignCommander("sarah"), Alex, 10);

    public static Incident Mitigated() => WithCommander().Then(new Mitigate("hotfix deployed"), Alex, 20);

    public static Incident Resolved() => Mitigated().Then(new Resolve("monitoring confirmed stable"), Sarah, 45);

    public static Incident InPostMortem() => Resolved().Then(new SchedulePostMortem(At(60 * 24)), Sarah, 60);

    public static Incident ReadyToClose() => InPostMortem()
        .Then(new PublishPostMortem(), Sarah, 2000)
        .Then(new AddActionItem("AI-1", "Add integration tests for all webhook event types", "alex", new LocalDate(2026, 6, 5)), Sarah, 2001);

    public static Incident Closed() => ReadyToClose().Then(new Close(), Sarah, 2002);

    public static Incident Declined() => Raised().Then(new Decline("false alarm"), Alex, 3);

    public static Incident Merged() => Raised().Then(new MergeInto("INC-0"), Alex, 3);

    /// <summary>An incident in each status, for matrix tests.</summary>
    public static Incident InStatus(IncidentStatus status) => status switch
    {
        IncidentStatus.Triggered => Raised(),
        IncidentStatus.Acknowledged => Acknowledged(),
        IncidentStatus.Investigating => WithCommander(),
        IncidentStatus.Mitigated => Mitigated(),
        IncidentStatus.Resolved => Resolved(),
        IncidentStatus.PostMortem => InPostMortem(),
        IncidentStatus.Closed => Closed(),
        IncidentStatus.Declined => Declined(),
        _ => Merged(),
    };
}
