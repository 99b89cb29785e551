namespace IncidentService.Intake;

/// <summary>Slack slash commands (<c>POST /slack/commands</c>).</summary>
public sealed class SlackIntakeOptions
{
    /// <summary>The app's signing secret (Slack app settings, Basic Information). Required: without it every request is
    /// refused (401).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>What an explicit incident id starts with, so <c>/incident ack INC-42</c> names an incident while
    /// <c>/incident ack</c> means the channel's. Default: <c>INC-</c>, the id generator's prefix.</summary>
    public string IncidentIdPrefix { get; set; } = "INC-";

    /// <summary>The policy incidents declared in Slack (<c>/incident declare</c>) are raised under, unless their
    /// channel is listed in <see cref="ChannelPolicies"/>. Default: <c>default</c>.</summary>
    public string Policy { get; set; } = IntakePolicies.DefaultName;

    /// <summary>A team's channels: Slack channel id → the policy incidents declared there are raised under
    /// (e.g. <c>"C0PAYMENTS": "payments"</c>).</summary>
    public Dictionary<string, string> ChannelPolicies { get; set; } = new(StringComparer.Ordinal);
}
