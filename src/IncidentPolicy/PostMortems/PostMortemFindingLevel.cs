namespace IncidentPolicy.PostMortems;

/// <summary>How serious a post-mortem finding is.</summary>
public enum PostMortemFindingLevel
{
    /// <summary>The seed's rules are broken (Rules 5 and 6, the 48-hour window): the post-mortem is not complete.</summary>
    Error,

    /// <summary>Worth a second look (Rule 4, blameless wording); never blocks anything.</summary>
    Warning,
}
