using System.Globalization;
using IncidentPolicy.Calendars;
using IncidentPolicy.Changes;
using IncidentPolicy.Escalation;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.OnCall;
using IncidentPolicy.Runbooks;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy;

/// <summary>
/// The seed playbook ("Incident Management That Actually Works — From Alert to Post-Mortem"), all of it in one place:
/// its severity table, roles, escalation, severity examples, lifecycle rules, runbook and overnight freeze, with example
/// people and schedules (a weekly on-call rotation and a weekly Incident Commander rotation of senior engineers,
/// separate from on-call: no one is in both).
/// </summary>
/// <remarks>
/// <para>Every <c>Default</c> member of the library reads from here: <see cref="ResponsePolicy.Default"/>,
/// <c>ResponsePolicy.Default.Escalation</c>, <c>ResponsePolicy.Default.SeverityMatrix</c>, <see cref="LifecycleRules.Default"/>
/// and the sections a policy file takes from it with <c>"extends": "seed"</c>. A policy gets none of it otherwise. Each number the seed states is written once,
/// below; every text that states a number (a role's description, a runbook line, a severity example, the freeze's
/// reason) is written from the value, so the two cannot drift apart.</para>
/// <para>Static initialisation: the sections are built from values declared above them and from nothing else's
/// <c>Default</c>, and the policy itself is built on first use (<see cref="Instance"/>), so no type's static
/// initialiser waits on another's.</para>
/// <para>The people (<c>alex</c> … <c>finley</c>) and their rotations are placeholders to replace with a team's own.</para>
/// </remarks>
internal static partial class DefaultPolicy
{
    private const string OnCallEngineer = LifecycleRules.OnCallRole;
    private const string IncidentCommander = LifecycleRules.CommanderRole;
    private const string EngineeringManager = "engineering-manager";
    private const string CommsLead = "comms-lead";
    private const string TeamLead = "team-lead";
    private const string OwningTeam = "owning-team";
    private const string VpEngineering = "vp-engineering";
    private const string SecurityTeam = "security-team";

    private const string RevenueLoss = "revenueLoss";
    private const string PaymentFailureRate = "paymentFailureRate";
    private const string PerformanceDegradation = "performanceDegradation";
    private const string DataBreachSuspected = "dataBreachSuspected";

    // The seed's numbers.

    /// <summary>SEV-1 and SEV-2: acknowledge, declare and assign a commander within 5 minutes of the alert; the
    /// engineering manager backs up an on-call engineer who has not acknowledged by then.</summary>
    private static readonly Duration UrgentAcknowledgement = Duration.FromMinutes(5);

    /// <summary>SEV-1's response time; SEV-1 and SEV-2 post on the status page within 15 minutes and every 15 minutes.</summary>
    private static readonly Duration CriticalResponse = Duration.FromMinutes(15);

    /// <summary>SEV-2's response time and first status-page update.</summary>
    private static readonly Duration MajorResponse = Duration.FromMinutes(30);

    /// <summary>SEV-3's acknowledgement and response, in business hours.</summary>
    private static readonly Duration MinorResponse = Duration.FromHours(4);

    /// <summary>SEV-1 and SEV-2: schedule the post-mortem within 48 hours of resolution.</summary>
    private static readonly Duration PostMortemWithin = Duration.FromHours(48);

    /// <summary>"If not resolved in 30 min: Page engineering manager".</summary>
    private static readonly Duration ManagerPagedAfter = Duration.FromMinutes(30);

    /// <summary>"If revenue loss > $10K: Notify VP Engineering".</summary>
    private const decimal RevenueLossAbove = 10_000m;

    /// <summary>SEV-2's "Payment failures > 2%".</summary>
    private const decimal PaymentFailurePercentAbove = 2m;

    /// <summary>SEV-3's "Performance degradation &lt; 20%"; 20% or more is SEV-2's significant degradation.</summary>
    private const decimal MinorDegradationPercentBelow = 20m;

    /// <summary>A resolved incident may be reopened within 72 hours.</summary>
    private static readonly Duration ReopenWithin = Duration.FromHours(72);

    /// <summary>"IC Rotation: … separate from on-call".</summary>
    private const bool CommanderSeparateFromOnCall = true;

    /// <summary>"Block deployments between 12–6 AM without approval".</summary>
    private static readonly LocalTime FreezeStart = new(0, 0);

    /// <summary>The end of the overnight freeze.</summary>
    private static readonly LocalTime FreezeEnd = new(6, 0);

    /// <summary>Both rotations turn weekly, on Monday mornings.</summary>
    private static readonly Period RotationLength = Period.FromWeeks(1);

    /// <summary>The Monday the example rotations start.</summary>
    private static readonly LocalDateTime RotationStart = new(2026, 1, 5, 9, 0);

    /// <summary>How long after a notification's due instant a <c>notificationSent</c> still meets it on time.</summary>
    public static Duration DispatchGrace => EscalationSettings.DefaultDispatchGrace;

    /// <summary>The IC "does not let the incident go 30 minutes without a status update".</summary>
    public static Duration MaxSilence { get; } = Duration.FromMinutes(30);

    // The seed's severity table.

    private static readonly SeverityLevel[] Levels =
    [
        new("SEV-1", 1, "Critical", "Revenue-impacting, customer-facing outage",
            ["Checkout down", "Data breach", "Complete site outage"],
            [OnCallEngineer, EngineeringManager, CommsLead],
            acknowledgementTarget: ResponseTarget.WallClock(UrgentAcknowledgement),
            responseTarget: ResponseTarget.WallClock(CriticalResponse),
            declarationTimeLimit: UrgentAcknowledgement,
            commanderAssignmentTimeLimit: UrgentAcknowledgement,
            statusUpdates: StatusUpdateRule.External(CriticalResponse, CriticalResponse),
            postMortem: new PostMortemRule(PostMortemWithin, actionItemsRequiredBeforeClose: true)),
        new("SEV-2", 2, "Major", "Significant degradation, partial functionality loss",
            ["Search broken", "Slow checkout", $"Payment failures > {Number(PaymentFailurePercentAbove)}%"],
            [OnCallEngineer, TeamLead],
            acknowledgementTarget: ResponseTarget.WallClock(UrgentAcknowledgement),
            responseTarget: ResponseTarget.WallClock(MajorResponse),
            declarationTimeLimit: UrgentAcknowledgement,
            commanderAssignmentTimeLimit: UrgentAcknowledgement,
            statusUpdates: StatusUpdateRule.External(MajorResponse, CriticalResponse),
            postMortem: new PostMortemRule(PostMortemWithin, actionItemsRequiredBeforeClose: false)),
        new("SEV-3", 3, "Minor", "Limited impact, workaround available",
            ["Non-critical feature broken", $"Performance degradation < {Number(MinorDegradationPercentBelow)}%"],
            [OnCallEngineer],
            acknowledgementTarget: ResponseTarget.BusinessHours(MinorResponse),
            responseTarget: ResponseTarget.BusinessHours(MinorResponse),
            statusUpdates: StatusUpdateRule.InternalOnly),
        new("SEV-4", 4, "Informational", "Cosmetic issues, non-impacting",
            ["Typo", "Minor UI glitch", "Non-critical log errors"],
            [OwningTeam],
            acknowledgementTarget: ResponseTarget.NextBusinessDay,
            responseTarget: ResponseTarget.NextBusinessDay,
            statusUpdates: StatusUpdateRule.None),
    ];

    private static readonly Role[] Roles =
    [
        new(OnCallEngineer, "On-call engineer",
            $"Acknowledges the alert within {Levels[0].AcknowledgementTarget}, assesses severity ({Levels[0].Id} through {Levels[^1].Id}) and investigates."),
        new(IncidentCommander, "Incident Commander",
            "One person in charge: coordinates the response, makes decisions when options are unclear, communicates status to stakeholders, decides when to escalate and when to declare resolved. Does not debug, write code or run queries. "
            + $"Senior+ engineers, rotating {Cadence(RotationLength)}{(CommanderSeparateFromOnCall ? ", separate from on-call" : "")}."),
        new(EngineeringManager, "Engineering manager",
            $"Involved in every {LevelsInvolving(EngineeringManager)}; paged when an incident is not resolved in {HumanText.Describe(ManagerPagedAfter)}."),
        new(CommsLead, "Comms lead",
            $"Owns the status page and stakeholder communication for {LevelsInvolving(CommsLead)} incidents."),
        new(TeamLead, "Relevant team lead", $"Involved in {LevelsInvolving(TeamLead)} incidents of their team's area."),
        new(OwningTeam, "Owning team",
            $"Handles {LevelsInvolving(OwningTeam)} issues in their own area by the {Levels.Single(l => l.RolesInvolved.Contains(OwningTeam)).ResponseTarget}."),
        new(VpEngineering, "VP Engineering", $"Notified when revenue loss exceeds {Dollars(RevenueLossAbove)}."),
        new(SecurityTeam, "Security team", "Notified immediately when a data breach is suspected."),
    ];

    // The seed's escalation, severity examples and lifecycle rules.

    /// <summary>The seed's escalation policy and conditional rules; see <c>ResponsePolicy.Default.Escalation</c>.</summary>
    public static EscalationSettings Escalation { get; } = new(
        DispatchGrace,
        [
            new EscalationPolicy(
                "page-on-call",
                Condition.SeverityAtLeast("SEV-2"),
                [
                    new EscalationLevel(Duration.Zero, EscalationTarget.ForRole(OnCallEngineer)),
                    new EscalationLevel(UrgentAcknowledgement, EscalationTarget.ForRole(EngineeringManager)),
                ],
                EscalationStop.Acknowledged),
        ],
        [
            new EscalationRule(
                "page-engineering-manager",
                Condition.All(
                    Condition.SeverityAtLeast("SEV-2"),
                    Condition.ElapsedSince(ElapsedAnchor.Alert, ManagerPagedAfter),
                    Condition.StatusIn(IncidentStatus.Triggered, IncidentStatus.Acknowledged, IncidentStatus.Investigating, IncidentStatus.Mitigated)),
                EscalationAction.Page,
                EscalationTarget.ForRole(EngineeringManager)),
            new EscalationRule(
                "notify-vp-engineering",
                Condition.ImpactAbove(RevenueLoss, RevenueLossAbove),
                EscalationAction.Notify,
                EscalationTarget.ForRole(VpEngineering)),
            new EscalationRule(
                "notify-security-team",
                Condition.FlagRaised(DataBreachSuspected),
                EscalationAction.Notify,
                EscalationTarget.ForRole(SecurityTeam)),
        ]);

    /// <summary>No escalation policies and no rules, with the seed's dispatch grace; see <see cref="EscalationSettings.None"/>.</summary>
    public static EscalationSettings NoEscalation => EscalationSettings.None;

    /// <summary>The seed's severity examples as rules; see <c>ResponsePolicy.Default.SeverityMatrix</c>.</summary>
    public static SeverityMatrix SeverityMatrix { get; } = new(
    [
        new SeverityRule("checkout-down", Condition.FlagRaised("checkoutDown"), "SEV-1"),
        new SeverityRule("data-breach", Condition.FlagRaised(DataBreachSuspected), "SEV-1"),
        new SeverityRule("site-outage", Condition.FlagRaised("siteOutage"), "SEV-1"),
        new SeverityRule("payment-failures", Condition.ImpactAbove(PaymentFailureRate, PaymentFailurePercentAbove), "SEV-2"),
        new SeverityRule("search-broken", Condition.FlagRaised("searchBroken"), "SEV-2"),
        new SeverityRule("slow-checkout", Condition.FlagRaised("slowCheckout"), "SEV-2"),
        new SeverityRule(
            "significant-degradation",
            Condition.All(Condition.ImpactAbove(PerformanceDegradation, 0m), Condition.Not(Condition.ImpactBelow(PerformanceDegradation, MinorDegradationPercentBelow))),
            "SEV-2"),
        new SeverityRule(
            "performance-degradation",
            Condition.All(Condition.ImpactAbove(PerformanceDegradation, 0m), Condition.ImpactBelow(PerformanceDegradation, MinorDegradationPercentBelow)),
            "SEV-3"),
        new SeverityRule("non-critical-feature-broken", Condition.FlagRaised("nonCriticalFeatureBroken"), "SEV-3"),
        new SeverityRule("cosmetic", Condition.FlagRaised("cosmetic"), "SEV-4"),
    ]);

    /// <summary>The seed's lifecycle rules; see <see cref="LifecycleRules.Default"/>.</summary>
    public static LifecycleRules Lifecycle { get; } = new(
        ReopenWithin,
        CommanderSeparateFromOnCall,
        [EngineeringManager],
        "#inc-{date}-{slug}",
        [DataBreachSuspected, "restricted"],
        [SecurityTeam, EngineeringManager, VpEngineering],
        Permissions(),
        MaxSilence);

    /// <summary>The seed playbook as a policy, built on first use.</summary>
    public static ResponsePolicy Instance => Built.Policy;

    /// <summary>The seed's permission table; see <see cref="LifecycleRules.DefaultPermissions"/>.</summary>
    /// <returns>A new table.</returns>
    public static PermissionTable Permissions()
    {
        string[] anyone = [PermissionTable.Anyone];
        string[] responders = [OnCallEngineer, IncidentCommander, EngineeringManager];
        string[] leads = [OnCallEngineer, IncidentCommander, EngineeringManager, TeamLead];
        string[] communicators = [IncidentCommander, CommsLead, EngineeringManager, OnCallEngineer];
        string[] owners = [IncidentCommander, EngineeringManager, OnCallEngineer, OwningTeam];
        return new PermissionTable(new Dictionary<CommandKind, IReadOnlyList<string>>
        {
            [CommandKind.RaiseAlert] = anyone,
            [CommandKind.Acknowledge] = anyone,
            [CommandKind.Declare] = leads,
            [CommandKind.AssignCommander] = responders,
            [CommandKind.AssignRole] = responders,
            [CommandKind.ChangeSeverity] = leads,
            [CommandKind.PostStatusUpdate] = communicators,
            [CommandKind.RecordImpact] = anyone,
            [CommandKind.RaiseFlag] = anyone,
            [CommandKind.Mitigate] = anyone,
            [CommandKind.Resolve] = anyone,
            [CommandKind.Reopen] = owners,
            [CommandKind.SchedulePostMortem] = owners,
            [CommandKind.PublishPostMortem] = owners,
            [CommandKind.AddActionItem] = owners,
            [CommandKind.CompleteActionItem] = anyone,
            [CommandKind.ChangeActionItemStatus] = anyone,
            [CommandKind.Close] = owners,
            [CommandKind.Decline] = owners,
            [CommandKind.MergeInto] = owners,
            [CommandKind.AddNote] = anyone,
            [CommandKind.RecordChannel] = anyone,
            [CommandKind.RecordNotification] = anyone,
            [CommandKind.RecordReminder] = anyone,
            [CommandKind.JoinAlert] = anyone,
            [CommandKind.ClearAlert] = anyone,
            [CommandKind.AdoptPolicy] = [EngineeringManager],
        });
    }

    /// <summary>The seed's runbook, "Checkout Error Rate Spike", with the escalation lines whose rules
    /// <paramref name="escalation"/> has; each line's words are written from its rule.</summary>
    public static IReadOnlyList<Runbook> RunbooksFor(EscalationSettings escalation)
    {
        (string Text, string RuleId)[] lines =
        [
            ($"If not resolved in {ShortDuration(ManagerPagedAfter)}: {ActionOn(EscalationAction.Page, EngineeringManager)}", "page-engineering-manager"),
            ($"If revenue loss > {Dollars(RevenueLossAbove)}: {ActionOn(EscalationAction.Notify, VpEngineering)}", "notify-vp-engineering"),
            ($"If data breach suspected: {ActionOn(EscalationAction.Notify, SecurityTeam)} immediately", "notify-security-team"),
        ];
        return
        [
            new Runbook(
                "checkout-error-rate-spike",
                "Checkout Error Rate Spike",
                ["checkout"],
                ["checkout-error-rate"],
                [
                    new AssessmentStep("Check deployment log: did we deploy in the last 2 hours?", "yes", "rollback first, investigate later"),
                    new AssessmentStep("Check third-party status: Stripe, Shopify, PayPal", "external service down", "enable fallback payment method"),
                    new AssessmentStep("Check database: connection pool, query latency, disk space", "DB issue", "restart connection pool, scale up if needed"),
                ],
                [
                    new RunbookCause("Payment provider outage", 40, "Switch to backup provider"),
                    new RunbookCause("Bad deployment", 30, "Rollback to last known good"),
                    new RunbookCause("Database overload", 15, "Kill long-running queries, scale read replicas"),
                    new RunbookCause("Infrastructure issue", 10, "Check AWS status, failover to backup region"),
                    new RunbookCause("DDoS or bot traffic", 5, "Enable rate limiting, block suspicious IPs"),
                ],
                lines
                    .Select(l => (l.Text, Rule: escalation.Rules.FirstOrDefault(r => r.Id == l.RuleId)))
                    .Where(l => l.Rule is not null)
                    .Select(l => new RunbookEscalation(l.Text, l.Rule!))),
        ];
    }

    /// <summary>The seed's overnight freeze for a policy with <paramref name="roles"/>: every day from
    /// <see cref="FreezeStart"/> to <see cref="FreezeEnd"/> in the calendar's zone, lifted by the engineering manager;
    /// none when the policy has no engineering manager. Format version 1 of the policy file gave it to files without
    /// change windows; the reader uses it to say what such a file must now write.</summary>
    public static IReadOnlyList<ChangeWindow> ChangeWindowsFor(IEnumerable<Role> roles)
    {
        if (!roles.Any(r => r.Id == EngineeringManager))
        {
            return [];
        }

        IsoDayOfWeek[] everyDay =
        [
            IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
            IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
        ];
        return
        [
            new ChangeWindow(
                "overnight-freeze",
                everyDay,
                FreezeStart,
                FreezeEnd,
                [EngineeringManager],
                $"no deployments between {WorkingHours.Format(FreezeStart)} and {WorkingHours.Format(FreezeEnd)} without approval, since nobody is awake to watch them; post-mortem action item 3"),
        ];
    }

    private static ResponsePolicy Create()
    {
        // Examples to replace: two engineers and one senior take on-call turns; three seniors take IC turns.
        Person[] people =
        [
            new("alex", "Alex Example", [Person.SeniorTag]),
            new("blake", "Blake Example", [Person.SeniorTag]),
            new("casey", "Casey Example"),
            new("devon", "Devon Example"),
            new("emery", "Emery Example", [Person.SeniorTag]),
            new("finley", "Finley Example", [Person.SeniorTag]),
        ];

        var weekly = ShiftLength.WallClock(RotationLength);
        Role RoleOf(string id) => Roles.Single(r => r.Id == id);
        Schedule[] schedules =
        [
            new("on-call", RoleOf(OnCallEngineer).Name, OnCallEngineer, BusinessCalendar.Default.Zone,
                [new ScheduleLayer("weekly", new Rotation(["casey", "devon", "alex"], RotationStart, weekly))]),
            new("incident-commander", RoleOf(IncidentCommander).Name, IncidentCommander, BusinessCalendar.Default.Zone,
                [new ScheduleLayer("weekly", new Rotation(["blake", "emery", "finley"], RotationStart, weekly))]),
        ];

        // A policy holds only what it is given, so the seed sets every section of its own.
        return ResponsePolicy.Compose(
            Roles, new SeverityScale(Levels), BusinessCalendar.Default, Lifecycle, people, schedules, Escalation, SeverityMatrix,
            ChangeWindowsFor(Roles), RunbooksFor(Escalation));
    }

    /// <summary>Holds the policy, so that building it waits for the first use of <see cref="Instance"/>.</summary>
    private static class Built
    {
        public static readonly ResponsePolicy Policy = Create();
    }
}
