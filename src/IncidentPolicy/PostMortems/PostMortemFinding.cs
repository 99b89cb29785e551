namespace IncidentPolicy.PostMortems;

/// <summary>One result of <see cref="PostMortem.Check"/>: a code, how serious it is and a plain reason.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Code">What was found.</param>
/// <param name="Level">Error or warning.</param>
/// <param name="Reason">A plain-English reason a person can act on.</param>
/// <param name="Subject">What the finding is about: an action item's id, <c>rootCause</c> or
/// <c>contributingFactors[2]</c> (0-based), or null for the post-mortem as a whole.</param>
/// <param name="Quote">For <see cref="PostMortemFindingCode.NamesParticipant"/>, the sentence quoted; otherwise null.</param>
public sealed record PostMortemFinding(
    PostMortemFindingCode Code, PostMortemFindingLevel Level, string Reason, string? Subject = null, string? Quote = null);
