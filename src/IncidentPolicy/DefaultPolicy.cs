using NodaTime;
using IncidentPolicy.Calendars;
using IncidentPolicy.OnCall;
using IncidentPolicy.Severities;

namespace IncidentPolicy;

/// <summary>
/// The seed playbook ("Incident Management That Actually Works — From Alert to Post-Mortem") as a policy,
/// exactly as the seed article's severity table states it, with example people and schedules: a weekly on-call rotation and a
/// weekly Incident Commander rotation of senior engineers, separate from on-call (no one is in both).
/// </summary>
/// <remarks>The people (<c>alex</c> … <c>finley</c>) and their rotations are placeholders to replace with a team's own.</remarks>
internal static class DefaultPolicy
{
    public static ResponsePolicy Instance { get; } = Create();

    private static ResponsePolicy Create()
    {
        Role[] roles =
        [
            new("on-call-engineer", "On-call engineer",
                "Acknowledges the alert within 5 minutes, assesses severity (SEV-1 through SEV-4) and investigates."),
            new("incident-commander", "Incident Commander",
                "One person in charge: coordinates the response, makes decisions when options are unclear, communicates status to stakeholders, decides when to escalate and when to declare resolved. Does not debug, write code or run queries. Senior+ engineers, rotating weekly, separate from on-call."),
            new("engineering-manager", "Engineering manager",
                "Involved in every SEV-1; paged when an incident is not resolved in 30 minutes."),
            new("comms-lead", "Comms lead",
                "Owns the status page and stakeholder communication for SEV-1 incidents."),
            new("team-lead", "Relevant team lead", "Involved in SEV-2 incidents of their team's area."),
            new("owning-team", "Owning team", "Handles SEV-4 issues in their own area by the next business day."),
            new("vp-engineering", "VP Engineering", "Notified when revenue loss exceeds $10K."),
            new("security-team", "Security team", "Notified immediately when a data breach is suspected."),
        ];

        var fiveMinutes = Duration.FromMinutes(5);
        var fifteenMinutes = Duration.FromMinutes(15);
        var thirtyMinutes = Duration.FromMinutes(30);
        var fortyEightHours = Duration.FromHours(48);

        SeverityLevel[] levels =
        [
            new("SEV-1", 1, "Critical", "Revenue-impacting, customer-facing outage",
                ["Checkout down", "Data breach", "Complete site outage"],
                ["on-call-engineer", "engineering-manager", "comms-lead"],
                acknowledge: ResponseTarget.WallClock(fiveMinutes),
                respond: ResponseTarget.WallClock(fifteenMinutes),
                declareWithin: fiveMinutes,
                assignCommanderWithin: fiveMinutes,
                statusUpdates: StatusUpdateRule.External(fifteenMinutes, fifteenMinutes),
                postMortem: new PostMortemRule(fortyEightHours, actionItemsRequiredBeforeClose: true)),
            new("SEV-2", 2, "Major", "Significant degradation, partial functionality loss",
                ["Search broken", "Slow checkout", "Payment failures > 2%"],
                ["on-call-engineer", "team-lead"],
                acknowledge: ResponseTarget.WallClock(fiveMinutes),
                respond: ResponseTarget.WallClock(thirtyMinutes),
                declareWithin: fiveMinutes,
                assignCommanderWithin: fiveMinutes,
                statusUpdates: StatusUpdateRule.External(thirtyMinutes, fifteenMinutes),
                postMortem: new PostMortemRule(fortyEightHours, actionItemsRequiredBeforeClose: false)),
            new("SEV-3", 3, "Minor", "Limited impact, workaround available",
                ["Non-critical feature broken", "Performance degradation < 20%"],
                ["on-call-engineer"],
                acknowledge: ResponseTarget.BusinessHours(Duration.FromHours(4)),
                respond: ResponseTarget.BusinessHours(Duration.FromHours(4)),
                statusUpdates: StatusUpdateRule.InternalOnly),
            new("SEV-4", 4, "Informational", "Cosmetic issues, non-impacting",
                ["Typo", "Minor UI glitch", "Non-critical log errors"],
                ["owning-team"],
                acknowledge: ResponseTarget.NextBusinessDay,
                respond: ResponseTarget.NextBusinessDay,
                statusUpdates: StatusUpdateRule.None),
        ];

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

        var mondayMorning = new LocalDateTime(2026, 1, 5, 9, 0);
        var weekly = ShiftLength.WallClock(Period.FromWeeks(1));
        Schedule[] schedules =
        [
            new("on-call", "On-call engineer", "on-call-engineer", BusinessCalendar.Default.Zone,
                [new ScheduleLayer("weekly", new Rotation(["casey", "devon", "alex"], mondayMorning, weekly))]),
            new("incident-commander", "Incident Commander", "incident-commander", BusinessCalendar.Default.Zone,
                [new ScheduleLayer("weekly", new Rotation(["blake", "emery", "finley"], mondayMorning, weekly))]),
        ];

        return new ResponsePolicy(roles, new SeverityScale(levels), BusinessCalendar.Default).WithOnCall(people, schedules);
    }
}
