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
}
