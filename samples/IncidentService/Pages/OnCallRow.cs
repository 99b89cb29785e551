using IncidentPolicy.OnCall;

namespace IncidentService.Pages;

/// <summary>One schedule's on-call person now.</summary>
/// <param name="Schedule">The schedule.</param>
/// <param name="Person">The person on call (name and id), or <see langword="null"/> in a gap.</param>
/// <param name="Reason">How they came to be on call (rotation, override, substitute).</param>
/// <param name="Policy">The name of the team's policy the schedule is in, when the deployment serves several teams;
/// else <see langword="null"/>.</param>
internal sealed record OnCallRow(Schedule Schedule, string? Person, string? Reason, string? Policy = null);
