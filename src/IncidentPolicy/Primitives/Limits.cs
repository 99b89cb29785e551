using NodaTime;

namespace IncidentPolicy.Primitives;

/// <summary>
/// The supported range of instants and dates and the size limits that every reader, constructor and
/// <c>Incident.Apply</c> enforce, so that whatever is accepted can be written and read back unchanged.
/// </summary>
/// <remarks>
/// <para><b>Time.</b> Inputs — a command's instant, an evaluation instant, an alert instant, dates in a policy or an
/// action item, instants in an event log or a CLI argument — must lie within <see cref="MinInstant"/> …
/// <see cref="MaxInstant"/> (dates within <see cref="MinDate"/> … <see cref="MaxDate"/>); outside it they are refused
/// with a typed error (a <c>Rejection</c>, a <see cref="PolicyProblem"/>, an event-log error, an
/// <see cref="ArgumentOutOfRangeException"/> from a method argument, exit code 2 from the CLI). Computations that
/// start inside the range but would run past its end — a deadline in working time under a calendar that almost never
/// opens, an escalation repeated for centuries — answer "no deadline" or "never" in their result instead of
/// throwing: such an instant could never be reached by an input the library accepts.</para>
/// <para><b>Text.</b> Ids and one-line texts (summaries, titles, role and person ids, keys) are valid Unicode
/// without control characters; free text (notes, status updates, action items, reasons) may also hold line breaks
/// and tabs. Ids are at most <see cref="MaxIdLength"/> UTF-16 code units, texts at most
/// <see cref="MaxTextLength"/>.</para>
/// <para><b>Policies.</b> Every part of a policy keeps to these rules, checked by its constructor and by
/// <c>PolicyJson.Parse</c> alike (a <see cref="PolicyValidationException"/>, or a problem at the value's JSON path):
/// ids (role, person, schedule, layer, rule, severity, tag, flag, metric, service) as ids; names, titles, examples,
/// channel patterns and runbook lines as one line; role and severity descriptions and change-window reasons as free
/// text; holidays and rotation starts within <see cref="MinDate"/> … <see cref="MaxDate"/>, overrides and leave within
/// <see cref="MinInstant"/> … <see cref="MaxInstant"/>; durations at most <see cref="MaxDuration"/>; local times and
/// rotation starts in whole seconds; conditions nested at most <see cref="MaxConditionDepth"/> deep; time zones from
/// the tz database; and the whole policy's written form at most <see cref="MaxPolicyBytes"/>.</para>
/// <para>The members are constants or immutable values; the class is thread-safe.</para>
/// </remarks>
public static class Limits
{
    /// <summary>The earliest supported instant: 1900-01-01T00:00:00Z.</summary>
    public static Instant MinInstant { get; } = Instant.FromUtc(1900, 1, 1, 0, 0);

    /// <summary>The latest supported instant: 2200-12-31T23:59:59.999999999Z.</summary>
    public static Instant MaxInstant { get; } = Instant.FromUtc(2201, 1, 1, 0, 0) - Duration.Epsilon;

    /// <summary>The latest instant the library answers: 2300-12-31T23:59:59.999999999Z, a century after
    /// <see cref="MaxInstant"/>. A result that would come later — a deadline in working time under a calendar that
    /// almost never opens, a page after a century of escalation repeats — is answered as never: <see langword="null"/>
    /// from a method that computes an instant, and no deadline or obligation from those that list them.</summary>
    public static Instant LatestResult { get; } = Instant.FromUtc(2301, 1, 1, 0, 0) - Duration.Epsilon;

    /// <summary>The earliest supported date: 1900-01-01.</summary>
    public static LocalDate MinDate { get; } = new(1900, 1, 1);

    /// <summary>The latest supported date: 2200-12-31.</summary>
    public static LocalDate MaxDate { get; } = new(2200, 12, 31);

    /// <summary>The longest duration a policy may state (a response time, a cadence, a delay, a window): 36,525 days,
    /// a hundred years.</summary>
    public static Duration MaxDuration { get; } = Duration.FromDays(36_525);

    /// <summary>The longest id (incident, person, role, severity, key, action item, …): 256 UTF-16 code units.</summary>
    public const int MaxIdLength = 256;

    /// <summary>The longest alert dedup key: 255 UTF-16 code units, as PagerDuty's Events API v2 allows.</summary>
    public const int MaxDedupKeyLength = 255;

    /// <summary>The longest text (a summary, a title, a note, a status update, a reason): 65,536 UTF-16 code
    /// units.</summary>
    public const int MaxTextLength = 65_536;

    /// <summary>The most events an incident's log may hold: 50,000. <c>Apply</c> refuses the command that would add
    /// one more.</summary>
    public const int MaxEvents = 50_000;

    /// <summary>The most bytes an incident's log may take, 15 MiB, counted conservatively as written (every text at its
    /// longest escaped form, every event at least 256 bytes), so that the log in either form stays under the event-log
    /// reader's 16 MiB. <c>Apply</c> refuses the command whose event would pass it.</summary>
    public const int MaxLogBytes = 15 * 1024 * 1024;

    /// <summary>
    /// The most bytes a policy may take in its written form (<c>PolicyJson.Serialize</c>, UTF-8): 1,000,000.
    /// <c>PolicyJson.Parse</c> refuses a document whose policy would be written larger (a problem at <c>$</c>), and the
    /// <c>ResponsePolicy</c> constructor and <c>With…</c> methods refuse such a policy the same way, so whatever is
    /// accepted can be written and read back: the reader takes documents of up to <c>PolicyJson.MaxDocumentBytes</c>
    /// (1 MiB), which leaves room for a byte-order mark and a final line break around the written form. The written
    /// form can be much larger than the document it was read from (every key is written, indented), so a document
    /// under 1 MiB may still be refused.
    /// </summary>
    public const int MaxPolicyBytes = 1_000_000;

    /// <summary>The deepest a condition of an escalation policy, escalation rule or severity rule may nest: 20 levels,
    /// each <c>all</c>, <c>any</c> and <c>not</c> adding one to the leaf's one. Deeper conditions are refused by their
    /// constructors and by <c>PolicyJson.Parse</c>, as a policy file could not hold them.</summary>
    public const int MaxConditionDepth = 20;

    /// <summary>The most business days a response target may allow (<c>"clock": "businessDays"</c>): 366.</summary>
    public const int MaxBusinessDays = 366;

    /// <summary>Whether <paramref name="instant"/> is within <see cref="MinInstant"/> … <see cref="MaxInstant"/>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> when it is supported.</returns>
    public static bool Contains(Instant instant) => instant >= MinInstant && instant <= MaxInstant;

    /// <summary>Whether <paramref name="date"/> is within <see cref="MinDate"/> … <see cref="MaxDate"/> (in the ISO
    /// calendar).</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when it is supported.</returns>
    public static bool Contains(LocalDate date) =>
        date.Calendar == CalendarSystem.Iso && date >= MinDate && date <= MaxDate;
}
