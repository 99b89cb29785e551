using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Tests.Support;

/// <summary>Random command sequences over a small cast, so that many of them are accepted and many rejected.</summary>
internal static class CommandGenerators
{
    public static readonly Actor[] Cast =
    [
        new("monitoring"), new("alex", "on-call-engineer"), new("sarah"), new("erin", "engineering-manager"),
        new("maria", "comms-lead"), new("sam", "security-team"), new("olga"), new(" "), new("eve", "no-such-role"),
    ];

    private static readonly string[] People = ["alex", "sarah", "erin", "maria", "priya"];
    private static readonly string[] Severities = ["SEV-1", "SEV-2", "SEV-3", "SEV-4", "SEV-9"];
    private static readonly string[] Roles = ["comms-lead", "on-call-engineer", "incident-commander", "team-lead", "scribe"];
    private static readonly string[] ItemIds = ["AI-1", "AI-2", "AI-3"];

    public static readonly Gen<IncidentCommand> Commands = Gen.OneOf(
        Gen.Constant<IncidentCommand>(new Acknowledge()),
        Gen.Elements(Severities).Select(s => (IncidentCommand)new Declare(s, "checkout errors")),
        Gen.Elements(People).Select(p => (IncidentCommand)new AssignCommander(p)),
        Gen.Elements(Roles).SelectMany(r => Gen.Elements(People).Select(p => (IncidentCommand)new AssignRole(r, p))),
        Gen.Elements(Severities).Select(s => (IncidentCommand)new ChangeSeverity(s, "reassessed")),
        Gen.Elements(StatusAudience.Internal, StatusAudience.External).Select(a => (IncidentCommand)new PostStatusUpdate(a, "still investigating")),
        Gen.Choose(0, 50_000).Select(v => (IncidentCommand)new RecordImpact("revenueLoss", v, "USD")),
        Gen.Elements("dataBreachSuspected", "restricted", "customerFacing").Select(f => (IncidentCommand)new RaiseFlag(f)),
        Gen.Constant<IncidentCommand>(new Mitigate()),
        Gen.Constant<IncidentCommand>(new Resolve()),
        Gen.Constant<IncidentCommand>(new Reopen()),
        Gen.Choose(0, 5000).Select(m => (IncidentCommand)new SchedulePostMortem(IncidentFixture.At(m))),
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
        Gen.Constant<IncidentCommand>(new RaiseAlert("again")));

    /// <summary>A step: a command, who issues it, minutes after the previous step (sometimes negative), and whether
    /// the expected version is stale.</summary>
    public static readonly Gen<(IncidentCommand Command, Actor Actor, int Minutes, bool Stale)> Steps =
        from command in Commands
        from actor in Gen.Frequency((1, Gen.Elements(Cast)), (3, Gen.Elements(Cast[1], Cast[2], Cast[3])))
        from minutes in Gen.Frequency((1, Gen.Choose(-5, -1)), (10, Gen.Choose(0, 90)), (1, Gen.Choose(3000, 6000)))
        from stale in Gen.Frequency((1, Gen.Constant(true)), (15, Gen.Constant(false)))
        select (command, actor, minutes, stale);

    public static readonly Gen<(IncidentCommand Command, Actor Actor, int Minutes, bool Stale)[]> Sequences =
        Gen.Choose(0, 60).SelectMany(n => Gen.ArrayOf(Steps, n));
}
