using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Testing;

public static partial class IncidentGen
{
    private static readonly Instant CommandsAlert = Instant.FromUtc(2026, 5, 29, 4, 2);

    /// <summary>The actors of <see cref="CommandSequences"/>, for the default policy's roles: monitoring, the on-call
    /// engineer alex, sarah, the engineering manager erin, the comms lead maria, the security team's sam, the outsider
    /// olga — and two that every command of theirs must be rejected for: one with a blank id and one claiming a role
    /// the policy does not have.</summary>
    public static IReadOnlyList<Actor> Cast { get; } =
    [
        new("monitoring"), new("alex", "on-call-engineer"), new("sarah"), new("erin", "engineering-manager"),
        new("maria", "comms-lead"), new("sam", "security-team"), new("olga"), new(" "), new("eve", "no-such-role"),
    ];

    private static readonly string[] CommandPeople = ["alex", "sarah", "erin", "maria", "priya"];
    private static readonly string[] CommandSeverities = ["SEV-1", "SEV-2", "SEV-3", "SEV-4", "SEV-9"];
    private static readonly string[] CommandRoles = ["comms-lead", "on-call-engineer", "incident-commander", "team-lead", "scribe"];
    private static readonly string[] ItemIds = ["AI-1", "AI-2", "AI-3"];

    /// <summary>Commands of every kind with data chosen so that many are accepted and many rejected under the default
    /// policy: unknown severities and roles, blank text, missing action items, a second alert, alerts joining and
    /// clearing with a dedup key the incident does not have, a policy adoption by hash.</summary>
    public static Gen<IncidentCommand> Commands { get; } = Gen.OneOf(
        Gen.Constant<IncidentCommand>(new Acknowledge()),
        Gen.Elements(CommandSeverities).Select(s => (IncidentCommand)new Declare(s, "checkout errors")),
        Gen.Elements(CommandPeople).Select(p => (IncidentCommand)new AssignCommander(p)),
        Gen.Elements(CommandRoles).SelectMany(r => Gen.Elements(CommandPeople).Select(p => (IncidentCommand)new AssignRole(Role: r, Person: p))),
        Gen.Elements(CommandSeverities).Select(s => (IncidentCommand)new ChangeSeverity(s, "reassessed")),
        Gen.Elements(StatusAudience.Internal, StatusAudience.External).Select(a => (IncidentCommand)new PostStatusUpdate(a, "still investigating")),
        Gen.Choose(0, 50_000).Select(v => (IncidentCommand)new RecordImpact("revenueLoss", v, "USD")),
        Gen.Elements("dataBreachSuspected", "restricted", "customerFacing").Select(f => (IncidentCommand)new RaiseFlag(f)),
        Gen.Constant<IncidentCommand>(new Mitigate()),
        Gen.Constant<IncidentCommand>(new Resolve()),
        Gen.Constant<IncidentCommand>(new Reopen()),
        Gen.Choose(0, 5000).Select(m => (IncidentCommand)new SchedulePostMortem(CommandsAlert + Duration.FromMinutes(m))),
        Gen.Constant<IncidentCommand>(new PublishPostMortem()),
        Gen.Elements(ItemIds).SelectMany(id => Gen.Elements("alex", "", "platform").Select(o => (IncidentCommand)new AddActionItem(id, "fix it", o, new LocalDate(2026, 6, 5)))),
        Gen.Elements(ItemIds).Select(id => (IncidentCommand)new CompleteActionItem(id)),
        Gen.Elements(ItemIds).SelectMany(id => Gen.Elements(Enum.GetValues<ActionItemStatus>()).Select(s => (IncidentCommand)new ChangeActionItemStatus(id, s, s == ActionItemStatus.WontDo ? null : "because"))),
        Gen.Constant<IncidentCommand>(new Close()),
        Gen.Constant<IncidentCommand>(new Decline()),
        Gen.Elements("INC-0", "INC-1").Select(i => (IncidentCommand)new MergeInto(i)),
        Gen.Elements("note", " ").Select(t => (IncidentCommand)new AddNote(t)),
        Gen.Constant<IncidentCommand>(new RecordNotification("escalate:page-engineering-manager#1", "erin")),
        Gen.Constant<IncidentCommand>(new RecordReminder("externalUpdate#1")),
        Gen.Elements("#inc-2026-05-29-checkout-errors", " ").Select(c => (IncidentCommand)new RecordChannel(c)),
        Gen.Constant<IncidentCommand>(new RaiseAlert("again")),
        Gen.Elements("checkout/error-rate", "payments/latency", " ").Select(k => (IncidentCommand)new JoinAlert("again", k)),
        Gen.Elements("checkout/error-rate", "payments/latency").Select(k => (IncidentCommand)new ClearAlert(k)),
        Gen.Elements(ResponsePolicy.Default.ContentHash, "sha256:0").Select(h => (IncidentCommand)new AdoptPolicy(h)));

    /// <summary>Single steps: any of <see cref="Commands"/> by one of <see cref="Cast"/> (mostly alex, sarah and erin),
    /// usually 0–90 minutes after the previous step, sometimes days later, sometimes 1–5 minutes earlier, and now and
    /// then with a stale expected version.</summary>
    public static Gen<CommandStep> CommandSteps { get; } =
        from command in Commands
        from actor in Gen.Frequency((1, Gen.Elements(Cast.ToArray())), (3, Gen.Elements(Cast[1], Cast[2], Cast[3])))
        from minutes in Gen.Frequency((1, Gen.Choose(-5, -1)), (10, Gen.Choose(0, 90)), (1, Gen.Choose(3000, 6000)))
        from stale in Gen.Frequency((1, Gen.Constant(true)), (15, Gen.Constant(false)))
        select new CommandStep(command, actor, minutes, stale);

    /// <summary>Random command sequences of up to 60 <see cref="CommandSteps"/>, for robustness tests of
    /// <see cref="Incident.Apply"/>: unlike <see cref="Histories(ResponsePolicy)"/>, many steps are rejected or
    /// conflict.</summary>
    public static Gen<CommandStep[]> CommandSequences { get; } =
        Gen.Choose(0, 60).SelectMany(n => Gen.ArrayOf(CommandSteps, n));
}
