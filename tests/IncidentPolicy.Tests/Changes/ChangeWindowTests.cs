using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Changes;
using NodaTime;
using NodaTime.Text;

namespace IncidentPolicy.Tests.Changes;

public class ChangeWindowTests
{
    private static readonly IsoDayOfWeek[] EveryDay =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    private static Instant At(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    private static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    private static ChangeWindow Window(
        string from, string to, string? zone = null, IsoDayOfWeek[]? days = null, string[]? approvedBy = null, string id = "freeze") =>
        new(id, days ?? EveryDay, LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(from).Value, LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(to).Value,
            approvedBy ?? ["engineering-manager"], "testing", zone is null ? null : Zone(zone));

    private static ResponsePolicy PolicyWith(params ChangeWindow[] windows) => ResponsePolicy.Default.WithChangeWindows(windows);

    // ---- the default policy: the seed's "block deployments between 12-6 AM without approval" ----

    [Fact]
    public void Default_CarriesSeedOvernightFreeze()
    {
        var window = Assert.Single(ResponsePolicy.Default.ChangeWindows);
        Assert.Equal("overnight-freeze", window.Id);
        Assert.Equal(EveryDay, window.Days);
        Assert.Equal(new LocalTime(0, 0), window.From);
        Assert.Equal(new LocalTime(6, 0), window.To);
        Assert.Equal(["engineering-manager"], window.ApprovedBy);
        Assert.Null(window.Zone);
        Assert.False(window.IsOvernight);
    }

    [Fact]
    public void CanDeploy_SeedBadDeploymentAt0345_Refused()
    {
        // The seed's root cause: "A deployment at 3:45 AM introduced a type error in the Stripe webhook".
        var decision = ResponsePolicy.Default.CanDeploy(At("2026-05-29T03:45:00Z"));
        Assert.False(decision.IsAllowed);
        Assert.Equal("overnight-freeze", decision.Window!.Id);
        Assert.Equal(At("2026-05-29T00:00:00Z"), decision.FrozenFrom);
        Assert.Equal(At("2026-05-29T06:00:00Z"), decision.FrozenUntil);
        Assert.Null(decision.ApprovedBy);
        Assert.Equal(
            "refused: 2026-05-29T03:45:00Z is inside change window overnight-freeze until 2026-05-29T06:00:00Z "
            + "(no deployments between 00:00 and 06:00 without approval, since nobody is awake to watch them; post-mortem action item 3); "
            + "approval by engineering-manager lifts it",
            decision.Reason);
        Assert.Equal(decision.Reason, decision.ToString());
    }

    [Fact]
    public void CanDeploy_ApprovedByEngineeringManager_AllowedWithApprover()
    {
        var decision = ResponsePolicy.Default.CanDeploy(At("2026-05-29T03:45:00Z"), ["engineering-manager"]);
        Assert.True(decision.IsAllowed);
        Assert.Equal("overnight-freeze", decision.Window!.Id);
        Assert.Equal("engineering-manager", decision.ApprovedBy);
        Assert.StartsWith("allowed: 2026-05-29T03:45:00Z is inside change window overnight-freeze until 2026-05-29T06:00:00Z", decision.Reason);
        Assert.EndsWith("and engineering-manager approved", decision.Reason);
    }

    [Theory]
    [InlineData("on-call-engineer")]
    [InlineData("vp-engineering")]
    [InlineData("no-such-role")]
    [InlineData("Engineering-Manager")]
    public void CanDeploy_ApprovalByAnotherRole_Refused(string role) =>
        Assert.False(ResponsePolicy.Default.CanDeploy(At("2026-05-29T03:45:00Z"), [role]).IsAllowed);

    [Fact]
    public void CanDeploy_OutsideWindow_AllowedWithoutWindow()
    {
        var decision = ResponsePolicy.Default.CanDeploy(At("2026-05-29T14:00:00Z"));
        Assert.True(decision.IsAllowed);
        Assert.Null(decision.Window);
        Assert.Null(decision.FrozenFrom);
        Assert.Null(decision.FrozenUntil);
        Assert.Equal("allowed: 2026-05-29T14:00:00Z is outside every change window", decision.Reason);
    }

    [Theory]
    [InlineData("2026-05-28T23:59:59Z", true)]
    [InlineData("2026-05-29T00:00:00Z", false)] // exactly at from: inside
    [InlineData("2026-05-29T05:59:59.999Z", false)]
    [InlineData("2026-05-29T06:00:00Z", true)] // exactly at to: outside
    public void CanDeploy_AtEdges_FromInclusiveToExclusive(string at, bool allowed) =>
        Assert.Equal(allowed, ResponsePolicy.Default.CanDeploy(At(at)).IsAllowed);

    [Fact]
    public void CanDeploy_EmptyApprovalList_SameAsNone() =>
        Assert.Equal(ResponsePolicy.Default.CanDeploy(At("2026-05-29T01:00:00Z")).Reason, ResponsePolicy.Default.CanDeploy(At("2026-05-29T01:00:00Z"), []).Reason);

    [Fact]
    public void CanDeploy_NullApprovals_Throws() =>
        Assert.Throws<ArgumentNullException>(() => ResponsePolicy.Default.CanDeploy(At("2026-05-29T01:00:00Z"), null!));

    [Fact]
    public void CanDeploy_NoWindows_AlwaysAllowed() =>
        Assert.True(PolicyWith().CanDeploy(At("2026-05-29T03:00:00Z")).IsAllowed);

    // ---- overnight windows ----

    [Theory]
    [InlineData("2026-05-29T21:59:00Z", true)]
    [InlineData("2026-05-29T22:00:00Z", false)]
    [InlineData("2026-05-29T23:59:00Z", false)]
    [InlineData("2026-05-30T00:00:00Z", false)]
    [InlineData("2026-05-30T05:59:00Z", false)]
    [InlineData("2026-05-30T06:00:00Z", true)]
    public void CanDeploy_OvernightWindow_CoversBothSidesOfMidnight(string at, bool allowed) =>
        Assert.Equal(allowed, PolicyWith(Window("22:00", "06:00")).CanDeploy(At(at)).IsAllowed);

    [Fact]
    public void CanDeploy_OvernightWindowStartingFridayOnly_HoldsSaturdayMorningNotFridayMorning()
    {
        var policy = PolicyWith(Window("22:00", "06:00", days: [IsoDayOfWeek.Friday]));
        var saturdayMorning = policy.CanDeploy(At("2026-05-30T05:00:00Z")); // 2026-05-30 is a Saturday
        Assert.False(saturdayMorning.IsAllowed);
        Assert.Equal(At("2026-05-29T22:00:00Z"), saturdayMorning.FrozenFrom);
        Assert.Equal(At("2026-05-30T06:00:00Z"), saturdayMorning.FrozenUntil);
        Assert.True(policy.CanDeploy(At("2026-05-29T05:00:00Z")).IsAllowed); // Friday morning: Thursday's night, not listed
        Assert.True(policy.CanDeploy(At("2026-05-30T22:30:00Z")).IsAllowed); // Saturday night
    }

    [Fact]
    public void CanDeploy_SameFromAndTo_WholeDayWindow()
    {
        var policy = PolicyWith(Window("09:00", "09:00", days: [IsoDayOfWeek.Friday]));
        Assert.False(policy.CanDeploy(At("2026-05-29T09:00:00Z")).IsAllowed);
        Assert.False(policy.CanDeploy(At("2026-05-30T08:59:00Z")).IsAllowed);
        Assert.True(policy.CanDeploy(At("2026-05-30T09:00:00Z")).IsAllowed);
        Assert.True(policy.CanDeploy(At("2026-05-29T08:59:00Z")).IsAllowed);
    }

    [Fact]
    public void CanDeploy_ToMidnight_RunsToEndOfDay()
    {
        var policy = PolicyWith(Window("18:00", "00:00", days: [IsoDayOfWeek.Friday]));
        Assert.False(policy.CanDeploy(At("2026-05-29T23:59:59Z")).IsAllowed);
        Assert.True(policy.CanDeploy(At("2026-05-30T00:00:00Z")).IsAllowed);
    }

    [Fact]
    public void CanDeploy_DayNotListed_Allowed() =>
        Assert.True(PolicyWith(Window("00:00", "06:00", days: [IsoDayOfWeek.Monday])).CanDeploy(At("2026-05-29T03:00:00Z")).IsAllowed);

    // ---- time zones and DST ----

    [Fact]
    public void CanDeploy_WindowZone_UsesLocalTime()
    {
        // 00:00–06:00 in New York (EDT, UTC−4) is 04:00–10:00 UTC.
        var policy = PolicyWith(Window("00:00", "06:00", "America/New_York"));
        Assert.True(policy.CanDeploy(At("2026-05-29T03:59:00Z")).IsAllowed);
        Assert.False(policy.CanDeploy(At("2026-05-29T04:00:00Z")).IsAllowed);
        Assert.False(policy.CanDeploy(At("2026-05-29T09:59:00Z")).IsAllowed);
        Assert.True(policy.CanDeploy(At("2026-05-29T10:00:00Z")).IsAllowed);
    }

    [Fact]
    public void CanDeploy_NoWindowZone_UsesCalendarZone()
    {
        var calendar = new IncidentPolicy.Calendars.BusinessCalendar(
            Zone("Europe/Berlin"), [IsoDayOfWeek.Monday], IncidentPolicy.Calendars.WorkingHours.Between(new LocalTime(9, 0), new LocalTime(17, 0)), []);
        var policy = ResponsePolicy.Default.WithCalendar(calendar);
        var decision = policy.CanDeploy(At("2026-05-28T22:30:00Z")); // 00:30 CEST
        Assert.False(decision.IsAllowed);
        Assert.Equal(At("2026-05-28T22:00:00Z"), decision.FrozenFrom);
        Assert.Equal(At("2026-05-29T04:00:00Z"), decision.FrozenUntil);
        Assert.True(policy.CanDeploy(At("2026-05-29T04:00:00Z")).IsAllowed);
    }

    [Fact]
    public void CanDeploy_BerlinSpringForward_NightIsAnHourShorter()
    {
        // 2026-03-29: Europe/Berlin skips 02:00–03:00; 00:00 is CET (UTC+1), 06:00 is CEST (UTC+2).
        var policy = PolicyWith(Window("00:00", "06:00", "Europe/Berlin"));
        var decision = policy.CanDeploy(At("2026-03-29T01:30:00Z")); // 03:30 CEST
        Assert.False(decision.IsAllowed);
        Assert.Equal(At("2026-03-28T23:00:00Z"), decision.FrozenFrom);
        Assert.Equal(At("2026-03-29T04:00:00Z"), decision.FrozenUntil);
        Assert.Equal(Duration.FromHours(5), decision.FrozenUntil!.Value - decision.FrozenFrom!.Value);
        Assert.True(policy.CanDeploy(At("2026-03-29T04:00:00Z")).IsAllowed);
        Assert.True(policy.CanDeploy(At("2026-03-28T22:59:00Z")).IsAllowed);
    }

    [Fact]
    public void CanDeploy_BerlinSpringForward_SkippedStartMovesForwardByGap()
    {
        // 02:30 does not exist on 2026-03-29 in Berlin: the window starts at 03:30 CEST (01:30 UTC).
        var policy = PolicyWith(Window("02:30", "05:00", "Europe/Berlin"));
        Assert.True(policy.CanDeploy(At("2026-03-29T01:29:00Z")).IsAllowed);
        var decision = policy.CanDeploy(At("2026-03-29T01:30:00Z"));
        Assert.False(decision.IsAllowed);
        Assert.Equal(At("2026-03-29T01:30:00Z"), decision.FrozenFrom);
        Assert.Equal(At("2026-03-29T03:00:00Z"), decision.FrozenUntil);
    }

    [Fact]
    public void CanDeploy_NewYorkFallBack_NightIsAnHourLonger()
    {
        // 2026-11-01: America/New_York repeats 01:00–02:00; 00:00 is EDT (UTC−4), 06:00 is EST (UTC−5).
        var policy = PolicyWith(Window("00:00", "06:00", "America/New_York"));
        var decision = policy.CanDeploy(At("2026-11-01T06:30:00Z")); // 01:30 EST, the second 01:30
        Assert.False(decision.IsAllowed);
        Assert.Equal(At("2026-11-01T04:00:00Z"), decision.FrozenFrom);
        Assert.Equal(At("2026-11-01T11:00:00Z"), decision.FrozenUntil);
        Assert.Equal(Duration.FromHours(7), decision.FrozenUntil!.Value - decision.FrozenFrom!.Value);
        Assert.False(policy.CanDeploy(At("2026-11-01T10:59:00Z")).IsAllowed);
        Assert.True(policy.CanDeploy(At("2026-11-01T11:00:00Z")).IsAllowed);
    }

    [Fact]
    public void CanDeploy_NewYorkFallBack_RepeatedEdgeTakesEarlierInstant()
    {
        // A window ending at 01:30 ends at the first 01:30 (EDT, 05:30 UTC).
        var policy = PolicyWith(Window("22:00", "01:30", "America/New_York"));
        Assert.False(policy.CanDeploy(At("2026-11-01T05:29:00Z")).IsAllowed);
        Assert.True(policy.CanDeploy(At("2026-11-01T05:30:00Z")).IsAllowed);
        Assert.True(policy.CanDeploy(At("2026-11-01T06:00:00Z")).IsAllowed); // second 01:00: outside
    }

    // ---- several windows and approvals ----

    [Fact]
    public void CanDeploy_TwoWindowsOneLifted_RefusedByTheOther()
    {
        var policy = PolicyWith(
            Window("00:00", "06:00", id: "overnight"),
            Window("05:00", "08:00", approvedBy: ["vp-engineering"], id: "morning-release"));
        var decision = policy.CanDeploy(At("2026-05-29T05:30:00Z"), ["engineering-manager"]);
        Assert.False(decision.IsAllowed);
        Assert.Equal("morning-release", decision.Window!.Id);
        Assert.EndsWith("approval by vp-engineering lifts it", decision.Reason);
        var both = policy.CanDeploy(At("2026-05-29T05:30:00Z"), ["vp-engineering", "engineering-manager"]);
        Assert.True(both.IsAllowed);
        Assert.Equal("overnight", both.Window!.Id);
        Assert.Equal("engineering-manager", both.ApprovedBy);
    }

    [Fact]
    public void CanDeploy_WindowWithSeveralApprovers_AnyOneLiftsIt()
    {
        var policy = PolicyWith(Window("00:00", "06:00", approvedBy: ["engineering-manager", "incident-commander"]));
        Assert.Equal("incident-commander", policy.CanDeploy(At("2026-05-29T01:00:00Z"), ["incident-commander"]).ApprovedBy);
        Assert.EndsWith("approval by engineering-manager or incident-commander lifts it", policy.CanDeploy(At("2026-05-29T01:00:00Z")).Reason);
    }

    [Fact]
    public void CanDeploy_NobodyCanLift_RefusedEvenWithApprovals()
    {
        var policy = PolicyWith(Window("00:00", "06:00", approvedBy: []));
        var decision = policy.CanDeploy(At("2026-05-29T01:00:00Z"), ["engineering-manager", "vp-engineering"]);
        Assert.False(decision.IsAllowed);
        Assert.EndsWith("; no approval lifts it", decision.Reason);
    }

    [Property(MaxTest = 300)]
    public Property CanDeploy_AnyInstant_AllowedIffOutsideOrApproved(int seconds, bool approve)
    {
        var at = At("2026-01-01T00:00:00Z") + Duration.FromSeconds(Math.Abs((long)seconds) % (366L * 86400));
        var decision = ResponsePolicy.Default.CanDeploy(at, approve ? ["engineering-manager"] : []);
        var hour = at.InUtc().Hour;
        var inside = hour < 6;
        var ok = decision.IsAllowed == (!inside || approve)
            && (decision.Window is not null) == inside
            && (!inside || (decision.FrozenFrom <= at && at < decision.FrozenUntil));
        return ok.Label($"{at}: {decision.Reason}");
    }

    // ---- construction and validation ----

    [Fact]
    public void Constructor_BadValues_EveryProblemWithPath()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => new ChangeWindow(
            "Bad Id", [IsoDayOfWeek.Monday, IsoDayOfWeek.Monday], new LocalTime(0, 0), new LocalTime(6, 0), ["engineering-manager", "", "engineering-manager"], " "));
        Assert.Equal(
            [
                new PolicyProblem("id", "change window id 'Bad Id' must be lower-case letters and digits separated by single hyphens, like 'page-engineering-manager'"),
                new PolicyProblem("days[1]", "monday is listed twice"),
                new PolicyProblem("approvedBy[1]", "a role id is required"),
                new PolicyProblem("approvedBy[2]", "role 'engineering-manager' is listed twice"),
                new PolicyProblem("reason", "a reason is required: say why deployments are frozen"),
            ],
            ex.Problems);
    }

    [Fact]
    public void Constructor_NoDays_ProblemAtDays()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => new ChangeWindow("x", [], new LocalTime(0, 0), new LocalTime(6, 0), [], "r"));
        Assert.Equal([new PolicyProblem("days", "at least one day is required")], ex.Problems);
    }

    [Fact]
    public void Constructor_NullLists_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new ChangeWindow("x", null!, new LocalTime(0, 0), new LocalTime(6, 0), [], "r"));
        Assert.Throws<ArgumentNullException>(() => new ChangeWindow("x", EveryDay, new LocalTime(0, 0), new LocalTime(6, 0), null!, "r"));
    }

    [Fact]
    public void WithChangeWindows_UnknownRoleAndDuplicateId_ProblemsWithPaths()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => PolicyWith(
            Window("00:00", "06:00", approvedBy: ["cto"]),
            Window("22:00", "23:00")));
        Assert.Equal(
            [
                new PolicyProblem("$.changeWindows[1].id", "id 'freeze' is already used by $.changeWindows[0]"),
                new PolicyProblem("$.changeWindows[0].approvedBy[0]", "unknown role 'cto'; the policy's roles are: comms-lead, engineering-manager, incident-commander, on-call-engineer, owning-team, security-team, team-lead, vp-engineering"),
            ],
            ex.Problems);
    }

    [Fact]
    public void WithChangeWindows_NullWindow_Throws() =>
        Assert.Throws<ArgumentNullException>(() => ResponsePolicy.Default.WithChangeWindows([null!]));

    [Fact]
    public void ToString_DescribesWindow() =>
        Assert.Equal("freeze: Fri 22:00–24:00 Europe/Berlin", Window("22:00", "00:00", "Europe/Berlin", [IsoDayOfWeek.Friday]).ToString());
}
