namespace IncidentPolicy.Lifecycle;

/// <summary>Why a command was rejected, as a machine-readable code. Written camelCase in JSON.</summary>
public enum RejectionCode
{
    /// <summary>The command's instant precedes the incident's last event.</summary>
    TimeWentBackwards,

    /// <summary>The actor has no id, or claims a role the policy does not have.</summary>
    UnknownActor,

    /// <summary>The command is malformed: a blank required text, an unknown severity or role.</summary>
    InvalidCommand,

    /// <summary>The policy's permission table does not let the actor's roles issue the command.</summary>
    NotPermitted,

    /// <summary>The command is not possible in the incident's current state.</summary>
    InvalidTransition,

    /// <summary>The command is possible in this state, but a rule of the policy or the seed forbids it now.</summary>
    GuardFailed,
}
