using System.Security;
using System.Text;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Serialization;

/// <summary>
/// Reads and writes incident event logs, the source of truth that <c>Incident.Replay</c> rebuilds an incident from.
/// A log is either JSON Lines (one event object per line) or a document
/// <c>{"formatVersion": 1, "incident": "ID", "events": [ … ]}</c>.
/// </summary>
/// <remarks>
/// <para><b>Events.</b> Each event is an object with <c>"type"</c> (camelCase, such as <c>commanderAssigned</c>),
/// <c>"at"</c> (an ISO 8601 UTC instant ending in <c>Z</c>, with or without seconds or a fraction), <c>"by"</c> (the
/// actor's id, not blank) and exactly the fields of its type, named as the event record's parameters in camelCase
/// (<c>statusUpdatePosted{audience, message}</c>). Optional fields (the record's nullable ones) may be absent or
/// <c>null</c>; required strings may not be blank; <c>audience</c> is <c>internal</c> or <c>external</c>,
/// <c>status</c> is <c>open</c>, <c>inProgress</c>, <c>done</c> or <c>wontDo</c>; <c>due</c> is a date
/// <c>2026-06-05</c>; <c>value</c> is a JSON number read exactly as a <see cref="decimal"/>.</para>
/// <para><b>Reading</b> stops at the first problem and answers it as an <see cref="EventLogError"/> — the event's
/// index, its line, the JSON path of the offending field and a reason — together with every event before it,
/// untouched, so a host that crashed while appending can set a torn last line aside. Like every reader of the library,
/// <see cref="Parse"/> and <see cref="Load"/> throw one exception type for bad input (<see cref="EventLogException"/>),
/// and <see cref="TryParse"/> and <see cref="TryLoad"/> answer <see langword="false"/> with the errors instead. Problems are: malformed JSON, an
/// unknown type, an unknown, missing, duplicate or wrongly typed field, an unknown enum value, an impossible instant or date or one outside the supported range
/// (<see cref="Limits"/>: 1900-01-01 to 2200-12-31), a blank required string, and time going backwards (an event's <c>at</c> before the previous event's;
/// equal instants are allowed and keep their log order). A log may be at most <see cref="MaxDocumentBytes"/> bytes of
/// UTF-8 and nested at most <see cref="MaxDepth"/> levels deep. A leading byte order mark is ignored.</para>
/// <para><b>The form</b> is told from the first non-blank line: a document when that line is a whole JSON object
/// with a <c>formatVersion</c>, <c>incident</c> or <c>events</c> key and no <c>type</c> key, or when it opens an
/// object that continues on later lines; JSON Lines otherwise (an empty text is an empty JSON Lines log). In JSON
/// Lines, lines end in <c>\n</c> or <c>\r\n</c>, blank lines are skipped but counted, and a document-style
/// multi-line object is therefore not allowed.</para>
/// <para><b>Writing</b> puts <c>type</c>, <c>at</c> and <c>by</c> first, then the record's fields in its order, every
/// field present (<c>null</c> when it has no value); instants as <c>yyyy-MM-ddTHH:mm:ssZ</c> with a fraction only when
/// it is not zero; dates as <c>yyyy-MM-dd</c>; enum values camelCase; decimals as JSON numbers with their digits
/// (<c>47000</c>, <c>0.1</c>, <c>2.50</c>). Non-ASCII text is written as is, except characters outside the Basic
/// Multilingual Plane (emoji), which are escaped as surrogate pairs (<c>\uD83D\uDE00</c>); quotes, backslashes and
/// control characters are escaped, so a line never contains a raw line break. Reading what was written gives equal
/// events in both forms. The writer does not validate: an event with a blank required string is written, and
/// reading it back reports it.</para>
/// <para>All members are thread-safe; none reads the clock.</para>
/// </remarks>
public static class EventLogJson
{
    /// <summary>The largest event log accepted: 16 MiB of UTF-8.</summary>
    public const int MaxDocumentBytes = 16 * 1024 * 1024;

    /// <summary>The deepest nesting of objects and arrays accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>The <c>formatVersion</c> of event log documents that this library reads and writes.</summary>
    public const int FormatVersion = 1;

    /// <summary>Reads an event log, in either form, and throws when it is bad.</summary>
    /// <param name="text">The log: JSON Lines or a <c>formatVersion</c> document.</param>
    /// <returns>The whole log.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="EventLogException">The log is bad; the exception carries the error and the contents read
    /// before it.</exception>
    public static EventLogContents Parse(string text) =>
        TryParse(text, out var contents, out var errors) ? contents : throw new EventLogException(errors, contents);

    /// <summary>Reads an event log, in either form, without throwing for bad input.</summary>
    /// <param name="text">The log: JSON Lines or a <c>formatVersion</c> document.</param>
    /// <param name="contents">The whole log when it is good; when it is bad, what was read before the first problem
    /// (see <see cref="EventLogContents"/>). Never null.</param>
    /// <param name="errors">Empty when the log is good; otherwise the problem that stopped reading (reading stops at
    /// the first, so there is one), with the event's index, its line, the JSON path and the reason.</param>
    /// <returns><see langword="true"/> when the whole log was read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static bool TryParse(string text, out EventLogContents contents, out IReadOnlyList<EventLogError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Answer(EventLogReader.Read(text), out contents, out errors);
    }

    /// <summary>Reads an event log from a UTF-8 file and throws when the file cannot be read or the log is bad.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The whole log.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="EventLogException">The file does not exist, cannot be read or is too large (index -1), or the
    /// log is bad; never an <see cref="IOException"/>.</exception>
    public static EventLogContents Load(string path) =>
        TryLoad(path, out var contents, out var errors) ? contents : throw new EventLogException(errors, contents);

    /// <summary>Reads an event log from a UTF-8 file without throwing for a bad log or a file that cannot be read.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="contents">As <see cref="TryParse"/>; empty when the file cannot be read.</param>
    /// <param name="errors">As <see cref="TryParse"/>; a file that does not exist, cannot be read or is larger than
    /// <see cref="MaxDocumentBytes"/> is an error with index -1 and no path, saying why.</param>
    /// <returns><see langword="true"/> when the whole log was read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static bool TryLoad(string path, out EventLogContents contents, out IReadOnlyList<EventLogError> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = BoundedFile.Read(path, MaxDocumentBytes);
        var read = file.Problem switch
        {
            FileProblem.None => EventLogReader.Read(file.Text),
            FileProblem.Missing => FileError($"event log file '{path}' does not exist"),
            FileProblem.TooLarge => FileError($"event log file '{path}' is larger than 16 MiB"),
            _ => FileError($"cannot read event log file '{path}': {file.Detail}"),
        };
        return Answer(read, out contents, out errors);
    }

    /// <summary>Writes one event as one compact JSON line, without a line break: the form a host appends to a JSON
    /// Lines log (followed by <c>\n</c>).</summary>
    /// <param name="incidentEvent">The event.</param>
    /// <returns>The JSON text, such as <c>{"type":"acknowledged","at":"2026-05-29T14:05:00Z","by":"alice"}</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="incidentEvent"/> is null.</exception>
    /// <exception cref="ArgumentException">The event is not one of the library's event records, or holds text that is not
    /// valid Unicode (a lone surrogate).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An enum field holds an undefined value.</exception>
    public static string SerializeLine(IncidentEvent incidentEvent)
    {
        ArgumentNullException.ThrowIfNull(incidentEvent);
        return EventLogWriter.Line(incidentEvent);
    }

    /// <summary>Writes events as JSON Lines: one compact line per event, each ending in <c>\n</c>, in the given order.</summary>
    /// <param name="events">The events; no event may be null.</param>
    /// <returns>The log text; empty for no events.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or one of its events is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="SerializeLine"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="SerializeLine"/>.</exception>
    public static string SerializeLines(IEnumerable<IncidentEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return EventLogWriter.Lines(events);
    }

    /// <summary>Writes an incident's events as a document <c>{"formatVersion": 1, "incident": "ID", "events": [ … ]}</c>,
    /// indented by two spaces with <c>\n</c> line ends, without a trailing line break.</summary>
    /// <param name="incidentId">The incident's id; not blank.</param>
    /// <param name="events">The events, in log order; no event may be null.</param>
    /// <returns>The document text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="incidentId"/>, <paramref name="events"/> or one of its
    /// events is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="incidentId"/> is blank, or as <see cref="SerializeLine"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="SerializeLine"/>.</exception>
    public static string SerializeDocument(string incidentId, IEnumerable<IncidentEvent> events)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(incidentId);
        ArgumentNullException.ThrowIfNull(events);
        return EventLogWriter.Document(incidentId, events);
    }

    private static EventLogReader.Result FileError(string reason) => new(null, [], new EventLogError(-1, null, null, reason));

    private static bool Answer(EventLogReader.Result read, out EventLogContents contents, out IReadOnlyList<EventLogError> errors)
    {
        contents = read.Contents;
        errors = read.Error is { } error ? [error] : [];
        return read.Error is null;
    }
}
