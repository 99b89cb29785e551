using IncidentPolicy.Calendars;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Tests;

public class ResponsePolicyTests
{
    private static readonly ResponsePolicy Policy = ResponsePolicy.Default;

    [Fact]
    public void Default_MatchesDesignTable()
    {
        static Duration minutes(int m) => Duration.FromMinutes(m);
        var (sev1, sev2, sev3, sev4) = (Policy.Severities[0], Policy.Severities[1], Policy.Severities[2], Policy.Severities[3]);
        Assert.Equal(["SEV-1", "SEV-2", "SEV-3", "SEV-4"], Policy.Severities.Select(s => s.Id));
        Assert.Equal(["Critical", "Major", "Minor", "Informational"], Policy.Severities.Select(s => s.Name));

        Assert.Equal(ResponseTarget.WallClock(minutes(5)), sev1.AcknowledgementTarget);
        Assert.Equal(ResponseTarget.WallClock(minutes(5)), sev2.AcknowledgementTarget);
        Assert.Equal(sev3.ResponseTarget, sev3.AcknowledgementTarget);
        Assert.Equal(sev4.ResponseTarget, sev4.AcknowledgementTarget);

        Assert.Equal(ResponseTarget.WallClock(minutes(15)), sev1.ResponseTarget);
        Assert.Equal(ResponseTarget.WallClock(minutes(30)), sev2.ResponseTarget);
        Assert.Equal(ResponseTarget.BusinessHours(Duration.FromHours(4)), sev3.ResponseTarget);
        Assert.Equal(ResponseTarget.NextBusinessDay, sev4.ResponseTarget);

        Assert.Equal(["on-call-engineer", "engineering-manager", "comms-lead"], sev1.RolesInvolved);
        Assert.Equal(["on-call-engineer", "team-lead"], sev2.RolesInvolved);
        Assert.Equal(["on-call-engineer"], sev3.RolesInvolved);
        Assert.Equal(["owning-team"], sev4.RolesInvolved);

        Assert.Equal([minutes(5), minutes(5), null, null], Policy.Severities.Select(s => s.DeclarationTimeLimit));
        Assert.Equal([minutes(5), minutes(5), null, null], Policy.Severities.Select(s => s.CommanderAssignmentTimeLimit));
        Assert.Equal([true, true, false, false], Policy.Severities.Select(s => s.RequiresCommander));

        Assert.Equal(StatusUpdateRule.External(minutes(15), minutes(15)), sev1.StatusUpdates);
        Assert.Equal(StatusUpdateRule.External(minutes(30), minutes(15)), sev2.StatusUpdates);
        Assert.Equal(UpdateAudience.InternalOnly, sev3.StatusUpdates.Audience);
        Assert.Equal(UpdateAudience.None, sev4.StatusUpdates.Audience);

        Assert.Equal(new PostMortemRule(Duration.FromHours(48), true), sev1.PostMortem);
        Assert.Equal(new PostMortemRule(Duration.FromHours(48), false), sev2.PostMortem);
        Assert.Null(sev3.PostMortem);
        Assert.Null(sev4.PostMortem);
    }

    [Fact]
    public void Default_CarriesSeedDescriptionsAndExamples()
    {
        Assert.Equal("Revenue-impacting, customer-facing outage", Policy.Severities[0].Description);
        Assert.Equal(["Checkout down", "Data breach", "Complete site outage"], Policy.Severities[0].Examples);
        Assert.Equal(["Search broken", "Slow checkout", "Payment failures > 2%"], Policy.Severities[1].Examples);
        Assert.Equal("Limited impact, workaround available", Policy.Severities[2].Description);
        Assert.Equal(["Typo", "Minor UI glitch", "Non-critical log errors"], Policy.Severities[3].Examples);
        Assert.Equal("Incident Commander", Policy.FindRole("incident-commander")!.Name);
        Assert.NotNull(Policy.FindRole("vp-engineering"));
        Assert.NotNull(Policy.FindRole("security-team"));
    }

    [Fact]
    public void Default_CalendarIsUtcWeekdaysNineToFive()
    {
        Assert.Equal(BusinessCalendar.Default, Policy.Calendar);
        Assert.Equal("UTC", Policy.Calendar.Zone.Id);
        Assert.Equal(WorkingHours.Between(new LocalTime(9, 0), new LocalTime(17, 0)), Policy.Calendar.Hours);
        Assert.Equal(5, Policy.Calendar.WorkingDays.Count);
        Assert.Empty(Policy.Calendar.Holidays);
    }

    [Fact]
    public void Constructor_UnknownRoleAndDuplicateRole_BothReported()
    {
        Role[] roles = [new("on-call-engineer", "On call"), new("on-call-engineer", "Again")];
        var ex = Assert.Throws<PolicyValidationException>(() => new ResponsePolicy(roles, Policy.Severities, Policy.Calendar));
        Assert.Equal(new PolicyProblem("$.roles[1].id", "role id 'on-call-engineer' is already used by $.roles[0]"), ex.Problems[0]);
        Assert.Equal("$.severities[0].rolesInvolved[1]", ex.Problems[1].Path);
        Assert.Equal("unknown role 'engineering-manager'; the policy's roles are: on-call-engineer", ex.Problems[1].Reason);
    }

    [Fact]
    public void Role_BadId_Rejected()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => new Role("Engineering_Manager", ""));
        Assert.Equal(["id", "name"], ex.Problems.Select(p => p.Path));
    }

    [Fact]
    public void WithCalendar_ReturnsCopy_OriginalUnchanged()
    {
        var berlin = new BusinessCalendar(DateTimeZoneProviders.Tzdb["Europe/Berlin"], [IsoDayOfWeek.Monday],
            WorkingHours.Between(new LocalTime(8, 0), new LocalTime(12, 0)));
        var copy = Policy.WithCalendar(berlin);
        Assert.Same(berlin, copy.Calendar);
        Assert.Same(Policy.Severities, copy.Severities);
        Assert.Equal("UTC", Policy.Calendar.Zone.Id);
    }

    [Fact]
    public void PolicyValidationException_Message_ListsProblems()
    {
        var ex = new PolicyValidationException([new PolicyProblem("$.a", "x"), new PolicyProblem("$.b", "y")]);
        Assert.Equal($"The policy has 2 problems:{Environment.NewLine}  $.a: x{Environment.NewLine}  $.b: y", ex.Message);
        Assert.Throws<ArgumentException>(() => new PolicyValidationException([]));
    }
}
