namespace IncidentService.Intake;

/// <summary>One person as the intakes know them: the roles they hold in the organisation (role ids of the policy,
/// such as <c>engineering-manager</c>) and, when they use Slack, their Slack user id (<c>U123ABC</c>).</summary>
public sealed class PersonOptions
{
    /// <summary>The person's organisation roles; the policy's permissions and change windows check them.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The person's Slack user id, as Slack sends it in <c>user_id</c> and in mentions (<c>&lt;@U123|sarah&gt;</c>);
    /// <see langword="null"/> when they do not use Slack.</summary>
    public string? SlackUserId { get; set; }
}
