using IncidentPolicy;

namespace IncidentService.Intake;

/// <summary>A checked <see cref="IntegrationRoute"/>: the service and the policy itself.</summary>
/// <param name="Service">The service, or <see langword="null"/>.</param>
/// <param name="PolicyName">The policy's name.</param>
/// <param name="Policy">The policy.</param>
public sealed record IntakeRoute(string? Service, string PolicyName, ResponsePolicy Policy);
