namespace IncidentPolicy.OnCall;

/// <summary>
/// Who is on call on a schedule, and why: their turn on a layer's rotation, an override, or a substitution for
/// someone unavailable. What <see cref="Schedule.OnCallAt"/> answers and every <see cref="OnCallShift"/> carries.
/// </summary>
/// <remarks>Immutable and thread-safe; equal when every part is equal, which is when two adjacent pieces of time
/// form one shift.</remarks>
/// <param name="ScheduleId">The schedule.</param>
/// <param name="PersonId">Who is on call.</param>
/// <param name="Reason">Why.</param>
/// <param name="LayerId">The layer that has them on call; <see langword="null"/> for an override of the whole schedule.</param>
/// <param name="ScheduledPersonId">Whose turn it is on the rotation underneath: the person replaced by an override
/// or substitution (<see langword="null"/> when the rotation has nobody then), and <see cref="PersonId"/> itself
/// for <see cref="OnCallReason.Rotation"/>.</param>
public sealed record OnCallAssignment(string ScheduleId, string PersonId, OnCallReason Reason, string? LayerId, string? ScheduledPersonId)
{
    /// <summary>A plain-English account for reasons and logs: <c>alex (rotation, layer weekly of on-call)</c>,
    /// <c>casey (override of alex, layer weekly of on-call)</c>,
    /// <c>blake (substituting for alex, who is unavailable, layer weekly of on-call)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var where = LayerId is null ? $"whole schedule {ScheduleId}" : $"layer {LayerId} of {ScheduleId}";
        return Reason switch
        {
            OnCallReason.Override when ScheduledPersonId is null => $"{PersonId} (override, {where})",
            OnCallReason.Override => $"{PersonId} (override of {ScheduledPersonId}, {where})",
            OnCallReason.Substitution => $"{PersonId} (substituting for {ScheduledPersonId}, who is unavailable, {where})",
            _ => $"{PersonId} (rotation, {where})",
        };
    }
}
