using IncidentPolicy.Calendars;
using IncidentPolicy.Escalation;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Tests;

public class ResponsePolicyDescribeTests
{
    private static readonly PolicyDescription Default = ResponsePolicy.Default.Describe();

    [Fact]
    public void Describe_DefaultPolicy_SeveritiesWithTheSeedsTargets()
    {
        Assert.Equal(["SEV-1", "SEV-2", "SEV-3", "SEV-4"], Default.Severities.Select(s => s.Id));
        var sev1 = Default.Severity("SEV-1")!;
        Assert.Equal(ResponseTarget.WallClock(Duration.FromMinutes(5)), sev1.AcknowledgementTarget);
        Assert.Equal(ResponseTarget.WallClock(Duration.FromMinutes(15)), sev1.ResponseTarget);
        Assert.Equal(["on-call-engineer", "engineering-manager", "comms-lead"], sev1.RolesInvolved);
        Assert.True(sev1.RequiresCommander);
        Assert.Equal(Duration.FromMinutes(5), sev1.DeclarationTimeLimit);
        Assert.Equal(Duration.FromMinutes(5), sev1.CommanderAssignmentTimeLimit);
        Assert.Equal(Duration.FromMinutes(15), sev1.UpdateInterval);
        Assert.Equal("scheduled within 48 hours of resolution; published with action items before close", sev1.PostMortem);

        var sev3 = Default.Severity("SEV-3")!;
        Assert.Equal(ResponseTarget.BusinessHours(Duration.FromHours(4)), sev3.ResponseTarget);
        Assert.False(sev3.RequiresCommander);
        Assert.Null(sev3.UpdateInterval);
        Assert.Equal("internal only", sev3.StatusUpdates);
        Assert.Null(sev3.PostMortem);
        Assert.Equal(ResponseTarget.NextBusinessDay, Default.Severity("SEV-4")!.AcknowledgementTarget);
        Assert.Null(Default.Severity("SEV-9"));
    }

    [Fact]
    public void Describe_DefaultPolicy_EscalationLevelsAndRulesAsText()
    {
        var page = Assert.Single(Default.EscalationPolicies);
        Assert.Equal("page-on-call", page.Id);
        Assert.Equal("severity is SEV-2 or more severe", page.AppliesTo);
        Assert.Equal([Duration.Zero, Duration.FromMinutes(5)], page.Levels.Select(l => l.Delay));
        Assert.Equal(["role on-call-engineer"], page.Levels[0].Targets);
        Assert.Equal(["role engineering-manager"], page.Levels[1].Targets);
        Assert.Equal("acknowledged", page.StopCondition);
        Assert.Equal(0, page.RepeatCount);
        Assert.Null(page.RepeatDelay);
        Assert.Equal(Duration.FromMinutes(1), Default.DispatchGrace);

        Assert.Equal(["page-engineering-manager", "notify-vp-engineering", "notify-security-team"], Default.EscalationRules.Select(r => r.Id));
        var security = Default.EscalationRules[2];
        Assert.Equal(("notify", "role security-team", "flag dataBreachSuspected is raised"), (security.Action, security.Target, security.When));
    }

    [Fact]
    public void Describe_DefaultPolicy_CalendarLifecycleAndSections()
    {
        Assert.Equal("UTC", Default.TimeZone);
        Assert.Equal("UTC, Mon,Tue,Wed,Thu,Fri 09:00–17:00, no holidays", Default.Calendar);
        Assert.Equal(ResponsePolicy.Default.ContentHash, Default.ContentHash);
        Assert.Equal(Duration.FromHours(72), Default.ReopenWindow);
        Assert.Equal(Duration.FromMinutes(30), Default.MaxSilence);
        Assert.True(Default.CommanderSeparateFromOnCall);
        Assert.Equal(["engineering-manager"], Default.ResolverRoles);
        Assert.Equal(["on-call", "incident-commander"], Default.Schedules);
        Assert.Equal(["overnight-freeze"], Default.ChangeWindows);
        Assert.Equal(["checkout-error-rate-spike"], Default.Runbooks);
        Assert.Contains("security-team", Default.Roles);
    }

    [Fact]
    public void Describe_OtherZoneAndNoEscalation_SaysSo()
    {
        var berlin = new BusinessCalendar(DateTimeZoneProviders.Tzdb["Europe/Berlin"], [IsoDayOfWeek.Monday], WorkingHours.Between(new LocalTime(8, 0), new LocalTime(16, 0)));
        var description = ResponsePolicy.Default.WithCalendar(berlin).WithEscalation(EscalationSettings.None).Describe();

        Assert.Equal("Europe/Berlin", description.TimeZone);
        Assert.Empty(description.EscalationPolicies);
        Assert.Empty(description.EscalationRules);
        Assert.Contains("escalation (dispatch grace 1 minute):\nlifecycle:", description.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_DefaultPolicy_OneRuleALine()
    {
        var lines = Default.ToString().ReplaceLineEndings("\n").Split('\n');

        Assert.Equal($"policy {ResponsePolicy.Default.ContentHash}", lines[0]);
        Assert.Contains("  SEV-1 Critical: acknowledge 5 minutes; respond 15 minutes (on-call-engineer, engineering-manager, comms-lead); declare 5 minutes; "
            + "commander 5 minutes; status updates status page within 15 minutes, then every 15 minutes; post-mortem scheduled within 48 hours of resolution; "
            + "published with action items before close", lines);
        Assert.Contains("  SEV-4 Informational: acknowledge next business day; respond next business day (owning-team); status updates none; no post-mortem", lines);
        Assert.Contains("  policy page-on-call: for severity is SEV-2 or more severe: page role on-call-engineer immediately, then role engineering-manager 5 minutes later; until acknowledged", lines);
        Assert.Contains("  rule notify-vp-engineering: notify role vp-engineering when revenueLoss is above 10000", lines);
        Assert.Contains("lifecycle: reopen within 72 hours; commander silent at most 30 minutes; commander separate from on-call; resolvers: commander, engineering-manager", lines);
        Assert.Contains("runbooks: checkout-error-rate-spike", lines);
    }
}
