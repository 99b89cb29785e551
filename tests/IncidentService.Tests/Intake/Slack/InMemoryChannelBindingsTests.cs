using IncidentService.Intake.Slack;

namespace IncidentService.Tests.Intake.Slack;

/// <summary>The contract against <see cref="InMemoryChannelBindings"/> (one instance is "both nodes": dev mode has one).</summary>
public sealed class InMemoryChannelBindingsTests : ChannelBindingsContract
{
    private readonly InMemoryChannelBindings _store = new();

    protected override IChannelBindings Store => _store;

    protected override IChannelBindings OtherNode => _store;
}
