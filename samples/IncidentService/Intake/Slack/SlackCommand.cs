using IncidentPolicy.Primitives;

namespace IncidentService.Intake.Slack;

/// <summary>A <c>/incident</c> command, parsed (not yet checked against the policy or the people).</summary>
/// <param name="Verb">What it asks for.</param>
/// <param name="IncidentId">The incident it names explicitly, or <see langword="null"/> for the channel's.</param>
/// <param name="Severity">Declare: the severity as typed.</param>
/// <param name="Text">Declare: the title; update: the message; resolve: the summary (optional).</param>
/// <param name="Audience">Update: who the update is for.</param>
/// <param name="MentionedUser">Commander: the Slack user id of a mention (<c>&lt;@U123|sarah&gt;</c>).</param>
/// <param name="MentionedPerson">Commander: a person id typed plainly (<c>@sarah</c> or <c>sarah</c>).</param>
public sealed record SlackCommand(
    SlackVerb Verb,
    string? IncidentId = null,
    string? Severity = null,
    string? Text = null,
    StatusAudience Audience = StatusAudience.Internal,
    string? MentionedUser = null,
    string? MentionedPerson = null);
