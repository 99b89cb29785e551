using System.Collections.Frozen;
using S = IncidentPolicy.Lifecycle.LifecycleState;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// The lifecycle as data: which command each state allows, where it leads, and the guards on it. The Stateless
/// machine is configured from this table, and so are <see cref="Incident.PermittedCommands"/> and the diagrams.
/// </summary>
internal static class LifecycleTable
{
    /// <summary>One row of the table: from a state, a command leads to a state under guards.</summary>
    internal sealed record Transition(LifecycleState From, CommandKind Command, LifecycleState To, Guard[] Guards);

    private static readonly LifecycleState[] Open = [S.Triggered, S.Acknowledged, S.Investigating, S.Mitigated];
    private static readonly LifecycleState[] Active = [.. Open, S.Resolved, S.PostMortem];
    private static readonly LifecycleState[] Any = [.. Active, S.Closed, S.Declined, S.Merged];
    private static readonly LifecycleState[] WithActionItems = [S.Investigating, S.Mitigated, S.Resolved, S.PostMortem, S.Closed];

    public static IReadOnlyList<Transition> Transitions { get; } = Build();

    private static readonly FrozenDictionary<(LifecycleState, CommandKind), Transition> ByStateAndCommand =
        Transitions.ToFrozenDictionary(t => (t.From, t.Command));

    private static readonly FrozenDictionary<LifecycleState, CommandKind[]> CommandsByState =
        Enum.GetValues<LifecycleState>().ToFrozenDictionary(s => s, s => Transitions.Where(t => t.From == s).Select(t => t.Command).ToArray());

    public static IReadOnlyList<CommandKind> CommandsFrom(LifecycleState state) => CommandsByState[state];

    /// <summary>Where <paramref name="command"/> leads from <paramref name="state"/>, or <see langword="null"/> when
    /// the state does not allow it.</summary>
    public static Transition? Find(LifecycleState state, CommandKind command) =>
        ByStateAndCommand.TryGetValue((state, command), out var transition) ? transition : null;

    /// <summary>Where a command leads when it is applied anyway in a state that does not allow it (a lenient
    /// replay): its usual destination, or the same state for commands that do not move the incident.</summary>
    public static LifecycleState ForcedTarget(LifecycleState state, CommandKind command) => command switch
    {
        CommandKind.RaiseAlert => state == S.Start ? S.Triggered : state,
        CommandKind.Acknowledge => state is S.Start or S.Triggered ? S.Acknowledged : state,
        CommandKind.Declare or CommandKind.Reopen => S.Investigating,
        CommandKind.Mitigate => S.Mitigated,
        CommandKind.Resolve => S.Resolved,
        CommandKind.SchedulePostMortem or CommandKind.PublishPostMortem => S.PostMortem,
        CommandKind.Close => S.Closed,
        CommandKind.Decline => S.Declined,
        CommandKind.MergeInto => S.Merged,
        _ => state == S.Start ? S.Triggered : state,
    };

    private static List<Transition> Build()
    {
        var rows = new List<Transition>();
        void Add(IEnumerable<LifecycleState> from, CommandKind command, LifecycleState? to, params Guard[] guards)
        {
            foreach (var state in from)
            {
                rows.Add(new Transition(state, command, to ?? state, guards));
            }
        }

        Add([S.Start], CommandKind.RaiseAlert, S.Triggered);
        Add([S.Triggered], CommandKind.Acknowledge, S.Acknowledged, Guards.SeparateOnAcknowledge);
        Add([S.Investigating, S.Mitigated], CommandKind.Acknowledge, null, Guards.AcknowledgeOnce, Guards.SeparateOnAcknowledge);
        Add([S.Triggered, S.Acknowledged], CommandKind.Declare, S.Investigating);
        Add(Open, CommandKind.AssignCommander, null, Guards.OneCommanderOnAssign, Guards.SeparateOnAssignCommander);
        Add(Open, CommandKind.AssignRole, null, Guards.OneCommanderOnRole, Guards.SeparateOnAssignRole);
        Add(Open, CommandKind.ChangeSeverity, null, Guards.SeverityChanges);
        Add(Active, CommandKind.PostStatusUpdate, null);
        Add(Active, CommandKind.RecordImpact, null);
        Add(Active, CommandKind.RaiseFlag, null);
        Add([S.Acknowledged, S.Investigating], CommandKind.Mitigate, S.Mitigated);
        Add(Open, CommandKind.Resolve, S.Resolved, Guards.CommanderRequired, Guards.ResolveByCommander);
        Add([S.Resolved], CommandKind.Reopen, S.Investigating, Guards.ReopenWindow);
        Add([S.Resolved, S.PostMortem], CommandKind.SchedulePostMortem, S.PostMortem);
        Add([S.PostMortem], CommandKind.PublishPostMortem, null);
        Add(WithActionItems, CommandKind.AddActionItem, null, Guards.ActionItemUnique, Guards.ActionItemOwnerAndDueDate);
        Add(WithActionItems, CommandKind.CompleteActionItem, null, Guards.ActionItemExists, Guards.ActionItemOpen);
        Add(WithActionItems, CommandKind.ChangeActionItemStatus, null, Guards.ActionItemExists, Guards.ActionItemWontDoReason);
        Add([S.Resolved], CommandKind.Close, S.Closed, Guards.PostMortemBeforeClose);
        Add([S.PostMortem], CommandKind.Close, S.Closed, Guards.PublishedPostMortemWithActionItems);
        Add([S.Triggered, S.Acknowledged, S.Investigating], CommandKind.Decline, S.Declined);
        Add(Open, CommandKind.MergeInto, S.Merged, Guards.MergeNotSelf);
        Add(Any, CommandKind.AddNote, null);
        Add(Any, CommandKind.RecordNotification, null);
        Add(Any, CommandKind.RecordReminder, null);
        Add(Active, CommandKind.RecordChannel, null);
        Add(Open, CommandKind.JoinAlert, null, Guards.DedupKeyMatches);
        Add(Active, CommandKind.ClearAlert, null, Guards.DedupKeyMatches);
        Add(Active, CommandKind.AdoptPolicy, null);
        return rows;
    }
}
