namespace IncidentService.Tests.Intake;

/// <summary>The intake test classes run one after another: each starts its own silo, and the machine is small.</summary>
[CollectionDefinition("Intake")]
public sealed class IntakeCollection;
