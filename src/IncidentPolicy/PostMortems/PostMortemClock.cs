namespace IncidentPolicy.PostMortems;

/// <summary>How a post-mortem shows times of day in its Duration line and timeline.</summary>
/// <remarks>Both styles use the invariant culture, so the same post-mortem gives the same text on every machine.
/// A host that follows a user's culture picks the style that culture uses.</remarks>
public enum PostMortemClock
{
    /// <summary>The 24-hour clock, <c>04:02</c>, <c>16:47</c>: the default.</summary>
    TwentyFourHour,

    /// <summary>The 12-hour clock with AM and PM, <c>4:02 AM</c>, <c>4:47 PM</c>: the seed article's (en-US) style.</summary>
    TwelveHour,
}
