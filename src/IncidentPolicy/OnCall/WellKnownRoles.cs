namespace IncidentPolicy.OnCall;

/// <summary>Role ids the on-call rules single out, as the default policy spells them.</summary>
internal static class WellKnownRoles
{
    /// <summary>Schedules staffing this role draw on people tagged <see cref="Person.SeniorTag"/>.</summary>
    public const string IncidentCommander = "incident-commander";

    /// <summary>The role the Incident Commander must be separate from.</summary>
    public const string OnCallEngineer = "on-call-engineer";
}
