using System.Text;
using System.Text.Json;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Serialization;

/// <summary>
/// Reads the two forms of an event log — JSON Lines and the <c>formatVersion</c> document — stopping at the first
/// problem and keeping every event before it.
/// </summary>
internal static class EventLogReader
{
    private static readonly JsonDocumentOptions LineOptions = new()
    {
        MaxDepth = EventLogJson.MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    private static readonly JsonReaderOptions DocumentOptions = new()
    {
        MaxDepth = EventLogJson.MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly string[] DocumentKeys = ["formatVersion", "incident", "events"];

    /// <summary>What a read gave: the contents (all of the log, or what came before the error) and the error, if any.</summary>
    public readonly record struct Result
    {
        public Result(string? incidentId, IReadOnlyList<IncidentEvent> events, EventLogError? error)
        {
            Contents = new EventLogContents(incidentId, events);
            Error = error;
        }

        public EventLogContents Contents { get; }

        public EventLogError? Error { get; }
    }

    public static Result Read(string text)
    {
        if (text.Length > EventLogJson.MaxDocumentBytes || Encoding.UTF8.GetByteCount(text) > EventLogJson.MaxDocumentBytes)
        {
            return LogError(null, "$", "the event log is larger than 16 MiB");
        }

        // A byte order mark is not JSON, but editors write one; File.ReadAllText drops it, so Read does too.
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        return IsDocument(text) ? ReadDocument(text) : ReadLines(text);
    }

    /// <summary>
    /// A document when the first non-blank line is a whole JSON object with a formatVersion, incident or events key
    /// and no type key, or when it starts an object that is not whole on that line and more text follows.
    /// Anything else is JSON Lines, so a log of one torn line is reported as a torn event.
    /// </summary>
    private static bool IsDocument(string text)
    {
        var start = 0;
        while (start < text.Length && IsJsonWhiteSpace(text[start]))
        {
            start++;
        }

        if (start == text.Length || text[start] != '{')
        {
            return false;
        }

        var end = text.IndexOf('\n', start);
        if (end < 0)
        {
            end = text.Length;
        }

        try
        {
            using var first = JsonDocument.Parse(text.AsMemory(start, end - start), LineOptions);
            var root = first.RootElement;
            return !root.TryGetProperty("type", out _) && DocumentKeys.Any(key => root.TryGetProperty(key, out _));
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return text.AsSpan(end).ContainsAnyExcept(" \t\r\n");
        }
    }

    private static bool IsJsonWhiteSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static Result ReadLines(string text)
    {
        var events = new List<IncidentEvent>();
        var lineNumber = 0;
        var position = 0;
        while (position < text.Length)
        {
            lineNumber++;
            var end = text.IndexOf('\n', position);
            if (end < 0)
            {
                end = text.Length;
            }

            var line = text.AsMemory(position, end - position);
            position = end + 1;
            if (!line.Span.ContainsAnyExcept(" \t\r"))
            {
                continue;
            }

            var index = events.Count;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line, LineOptions);
            }
            catch (JsonException e)
            {
                return Stop(events, new EventLogError(index, lineNumber, null, SyntaxReason(e, withLine: false)));
            }
            catch (ArgumentException)
            {
                return Stop(events, new EventLogError(index, lineNumber, null, LoneSurrogateReason));
            }

            using (document)
            {
                if (Accept(events, document.RootElement, "$", index, lineNumber) is { } error)
                {
                    return Stop(events, error);
                }
            }
        }

        return new Result(null, events, null);
    }

    private static Result ReadDocument(string text)
    {
        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(text);
        }
        catch (ArgumentException)
        {
            return LogError(null, null, LoneSurrogateReason);
        }

        var events = new List<IncidentEvent>();
        string? incident = null;
        var sawVersion = false;
        var sawEvents = false;
        var index = -1;
        var lines = new LineCounter(utf8);
        var reader = new Utf8JsonReader(utf8, DocumentOptions);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return LogError(null, "$", "an event log document must be a JSON object");
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                var keyPath = JsonPaths.Member("$", key);
                if (!keys.Add(key))
                {
                    return LogError(null, keyPath, $"duplicate key '{key}'; each key may appear once");
                }

                reader.Read();
                switch (key)
                {
                    case "formatVersion":
                        sawVersion = true;
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var version))
                        {
                            return LogError(null, keyPath, "formatVersion must be the number 1");
                        }

                        if (version != EventLogJson.FormatVersion)
                        {
                            return LogError(null, keyPath, $"format version {version} is not supported; this library reads format version 1");
                        }

                        break;
                    case "incident":
                        if (reader.TokenType != JsonTokenType.String || string.IsNullOrWhiteSpace(incident = reader.GetString()))
                        {
                            return LogError(null, keyPath, reader.TokenType == JsonTokenType.String
                                ? "incident may not be blank"
                                : $"incident must be a string, the incident's id; not {Describe(reader.TokenType)}");
                        }

                        break;
                    case "events":
                        sawEvents = true;
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            return LogError(null, keyPath, $"events must be a list of event objects, not {Describe(reader.TokenType)}");
                        }

                        index = 0;
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            var line = lines.LineAt(reader.TokenStartIndex);
                            using var document = JsonDocument.ParseValue(ref reader);
                            if (Accept(events, document.RootElement, $"$.events[{index}]", index, line) is { } error)
                            {
                                return Stop(events, error, incident);
                            }

                            index++;
                        }

                        index = -1;
                        break;
                    default:
                        return LogError(null, keyPath, $"unknown key '{key}'; an event log document has formatVersion, incident and events");
                }
            }

            // Anything after the document's closing brace other than white space is a syntax error thrown here.
            reader.Read();
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? (int)l + 1 : (int?)null;
            var error = new EventLogError(index, line, null, SyntaxReason(e, withLine: true));
            return index < 0 ? new Result(null, [], error) : Stop(events, error, incident);
        }
        catch (InvalidOperationException)
        {
            return LogError(null, null, LoneSurrogateReason);
        }

        var missing = !sawVersion ? ("$.formatVersion", "formatVersion is required; this library reads format version 1")
            : incident is null ? ("$.incident", "incident is required: the incident's id")
            : !sawEvents ? ("$.events", "events is required: a list of event objects")
            : default;
        return missing.Item1 is { } path ? LogError(null, path, missing.Item2) : new Result(incident, events, null);
    }

    /// <summary>Maps one event and checks that time does not go backwards; adds it, or answers the error.</summary>
    private static EventLogError? Accept(List<IncidentEvent> events, JsonElement element, string path, int index, int? line)
    {
        if (EventLogMapper.ToEvent(element, path, out var errorPath, out var reason) is not { } read)
        {
            return new EventLogError(index, line, errorPath, reason);
        }

        if (events.Count > 0 && read.At < events[^1].At)
        {
            return new EventLogError(index, line, JsonPaths.Member(path, "at"),
                $"{IsoText.FormatInstant(read.At)} is before the previous event's {IsoText.FormatInstant(events[^1].At)}; time may not go backwards in an event log");
        }

        events.Add(read);
        WorkMeter.Add(1);
        return null;
    }

    private static Result Stop(List<IncidentEvent> events, EventLogError error, string? incident = null) =>
        new(incident, events, error);

    private static Result LogError(int? line, string? path, string reason) =>
        new(null, [], new EventLogError(-1, line, path, reason));

    private const string LoneSurrogateReason = "the text is not valid Unicode: it contains a lone surrogate character";

    private static string SyntaxReason(JsonException e, bool withLine)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        var column = (e.BytePositionInLine ?? 0) + 1;
        var where = withLine && e.LineNumber is { } line ? $" at line {line + 1}, column {column}" : $" at column {column}";
        return message.Contains("maximum configured depth", StringComparison.Ordinal)
            ? $"the JSON is nested deeper than {EventLogJson.MaxDepth} levels{where}"
            : $"malformed JSON{where}: {message.TrimEnd('.')}";
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };

    /// <summary>Turns byte offsets into 1-based line numbers, counting forward from the last offset asked about.</summary>
    private sealed class LineCounter(byte[] utf8)
    {
        private int _offset;
        private int _line = 1;

        public int LineAt(long offset)
        {
            var end = (int)Math.Min(offset, utf8.Length);
            if (end > _offset)
            {
                _line += utf8.AsSpan(_offset, end - _offset).Count((byte)'\n');
                _offset = end;
            }

            return _line;
        }
    }
}
