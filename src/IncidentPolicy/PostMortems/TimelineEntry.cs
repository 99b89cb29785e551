using NodaTime;

namespace IncidentPolicy.PostMortems;

/// <summary>One line of a post-mortem's timeline: <c>4:02 AM: Alert fires (checkout error rate &gt; 5%)</c>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="At">When the events of this line happened.</param>
/// <param name="LocalTime">The instant's time of day in the policy zone, shown in the Markdown.</param>
/// <param name="Text">What happened, in plain words; never blank.</param>
public sealed record TimelineEntry(Instant At, LocalTime LocalTime, string Text);
