using IncidentPolicy.Changes;
using IncidentPolicy.Escalation;
using NodaTime;

namespace IncidentPolicy;

public sealed partial class ResponsePolicy
{
    /// <summary>The change windows: freezes in local time during which deployments need approval; none unless set.
    /// The seed's (<see cref="Default"/>) is "block deployments between 12–6 AM without approval": every day
    /// 00:00–06:00 in the calendar's zone, lifted by <c>engineering-manager</c>.</summary>
    public IReadOnlyList<ChangeWindow> ChangeWindows { get; private set; } = [];

    /// <summary>A copy of this policy with other change windows.</summary>
    /// <param name="windows">The new windows; an empty list for none.</param>
    /// <returns>The validated copy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="windows"/> or one of them is null.</exception>
    /// <exception cref="PolicyValidationException">Two windows share an id, or a window names a role the policy does not
    /// have (paths <c>$.changeWindows[1].id</c>, <c>$.changeWindows[0].approvedBy[0]</c>).</exception>
    public ResponsePolicy WithChangeWindows(IEnumerable<ChangeWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var list = windows.ToList();
        if (list.Any(w => w is null))
        {
            throw new ArgumentNullException(nameof(windows), "A change window is null.");
        }

        return With(copy => copy.ChangeWindows = list.AsReadOnly());
    }

    /// <summary>
    /// Whether a deployment at <paramref name="at"/> may go ahead: refused when it falls inside a change window that
    /// none of <paramref name="approvals"/> lifts, allowed otherwise. When several windows hold the instant, the first
    /// (in policy order) that is not lifted refuses; when all are lifted, the first one is reported with its approver.
    /// </summary>
    /// <param name="at">When the deployment would happen.</param>
    /// <param name="approvals">Role ids of those who approved, such as <c>engineering-manager</c>; role ids the policy
    /// does not have lift nothing.</param>
    /// <returns>The decision, with the window and a plain reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="approvals"/> is null.</exception>
    public DeployDecision CanDeploy(Instant at, IEnumerable<string> approvals)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        var approved = approvals.Where(a => a is not null).ToHashSet(StringComparer.Ordinal);
        DeployDecision? lifted = null;
        foreach (var window in ChangeWindows)
        {
            if (window.OccurrenceAt(at, Calendar.Zone) is not { } occurrence)
            {
                continue;
            }

            if (window.ApprovedBy.FirstOrDefault(approved.Contains) is not { } role)
            {
                return DeployDecision.Refused(at, window, occurrence.Start, occurrence.End);
            }

            lifted ??= DeployDecision.Approved(at, window, occurrence.Start, occurrence.End, role);
        }

        return lifted ?? DeployDecision.Outside(at);
    }

    /// <summary>Whether a deployment at <paramref name="at"/> without any approval may go ahead; see
    /// <see cref="CanDeploy(Instant, IEnumerable{string})"/>.</summary>
    /// <param name="at">When the deployment would happen.</param>
    /// <returns>The decision, with the window and a plain reason.</returns>
    public DeployDecision CanDeploy(Instant at) => CanDeploy(at, []);

    private void ValidateChangeWindows(ProblemList problems)
    {
        var roles = Roles.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        EscalationIds.CheckUnique(ChangeWindows.Select((w, i) => ((string?)w.Id, $"$.changeWindows[{i}]")), problems);
        for (var i = 0; i < ChangeWindows.Count; i++)
        {
            for (var j = 0; j < ChangeWindows[i].ApprovedBy.Count; j++)
            {
                if (!roles.Contains(ChangeWindows[i].ApprovedBy[j]))
                {
                    problems.Add($"$.changeWindows[{i}].approvedBy[{j}]", UnknownRoleReason(ChangeWindows[i].ApprovedBy[j], roles));
                }
            }
        }
    }
}
