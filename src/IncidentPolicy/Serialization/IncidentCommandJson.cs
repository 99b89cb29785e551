using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Serialization;

/// <summary>
/// Reads and writes commands as JSON, one command per document: the form in which a command crosses a process
/// boundary (a grain call, an HTTP request body) through one serializer rather than one mapping per command type.
/// </summary>
/// <remarks>
/// <para><b>The form.</b> A JSON object with <c>"command"</c> — the command's <see cref="CommandKind"/> camelCase, as
/// the policy's permission table writes it (<c>assignRole</c>) — and then exactly the command record's parameters,
/// camelCase, in their order: <c>{"command":"declare","severity":"SEV-1","title":"Checkout down"}</c>,
/// <c>{"command":"assignRole","role":"comms-lead","person":"maria"}</c>, <c>{"command":"acknowledge"}</c>. The values
/// are written as the event log writes the fields of the event the command records (see <see cref="EventLogJson"/>):
/// text as JSON strings, an optional one <c>null</c> when it has none; instants as ISO 8601 UTC text ending in
/// <c>Z</c>; dates <c>2026-06-05</c>; enum values camelCase (<c>external</c>, <c>wontDo</c>); decimals as JSON numbers
/// with their digits. The command carries no actor, time or expected version: those travel beside it, as they are
/// given to <c>Incident.Apply</c> beside it.</para>
/// <para><b>Reading</b> accepts the keys in any order, an optional field absent or <c>null</c>, and stops at the first
/// problem, answered as an <see cref="IncidentCommandJsonError"/> with the JSON path and a reason. Like every reader of
/// the library, <see cref="Parse"/> throws one exception type for bad input (<see cref="IncidentCommandJsonException"/>)
/// and <see cref="TryParse"/> answers <see langword="false"/> with the errors instead. Problems are, in the order they
/// are looked for: a document larger than <see cref="MaxDocumentBytes"/>, malformed JSON or nesting deeper than
/// <see cref="MaxDepth"/>, text that is not valid Unicode, a document that is not an object, a duplicate key, a missing,
/// wrongly typed or unknown <c>command</c>, a key the command does not have; then, field by field in the record's
/// order, a missing or wrongly typed value, a blank required text, an unknown enum value, an impossible instant or date
/// or one outside <see cref="Limits"/>, a number a decimal cannot hold exactly, and text not valid for its shape — the
/// checks <c>Incident.Apply</c> makes before it stores the event (an id at most <see cref="Limits.MaxIdLength"/>
/// characters with no control characters, a one-line text or a free text at most <see cref="Limits.MaxTextLength"/>).
/// Whatever <see cref="Parse"/> reads, <see cref="Serialize"/> writes back as it was read (keys in the record's order),
/// and <c>Parse(Serialize(command))</c> equals the command for every command <see cref="Parse"/> can read.</para>
/// <para><b>Writing</b> is compact, with non-ASCII text as is (characters outside the Basic Multilingual Plane
/// escaped as surrogate pairs) and does not validate: a command with a blank required text is written, and reading it
/// back reports it. All members are thread-safe; none reads the clock.</para>
/// </remarks>
public static class IncidentCommandJson
{
    /// <summary>The largest command document accepted: 1 MiB of UTF-8, room for every text at its longest.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    /// <summary>The deepest nesting of objects and arrays accepted; a command itself is one level.</summary>
    public const int MaxDepth = 64;

    private const string CommandKey = "command";


    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Writes a command as one compact JSON object.</summary>
    /// <param name="command">The command.</param>
    /// <returns>The JSON text, such as <c>{"command":"declare","severity":"SEV-1","title":"Checkout down"}</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is null.</exception>
    /// <exception cref="ArgumentException">The command holds text that is not valid Unicode (a lone surrogate).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An enum field holds an undefined value.</exception>
    public static string Serialize(IncidentCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var type = CommandCatalogue.Of(command);
        var recorded = command.ToEvent(NodaConstants.UnixEpoch, "");
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, EventLogWriter.Compact))
        {
            writer.WriteStartObject();
            writer.WriteString(CommandKey, type.Name);
            foreach (var field in type.Fields)
            {
                if (field.Kind == EventFieldKind.Text && !EventLogWriter.IsValidUnicode(field.Text(recorded)))
                {
                    // The JSON writer would put U+FFFD in its place: a command is refused rather than changed.
                    throw new ArgumentException($"The command's {field.CommandName} is not valid Unicode: it has a lone surrogate.", nameof(command));
                }

                EventLogWriter.WriteField(writer, field, field.CommandName!, recorded);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a command and throws when its JSON is bad.</summary>
    /// <param name="json">One command's JSON object.</param>
    /// <returns>The command.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="IncidentCommandJsonException">The JSON is not a command; the exception says where and why.</exception>
    public static IncidentCommand Parse(string json) =>
        TryParse(json, out var command, out var errors) ? command : throw new IncidentCommandJsonException(errors);

    /// <summary>Reads a command without throwing for bad input.</summary>
    /// <param name="json">One command's JSON object.</param>
    /// <param name="command">The command, when the JSON is one.</param>
    /// <param name="errors">Empty when the JSON is a command; otherwise the problem that stopped reading (reading
    /// stops at the first, so there is one), with its JSON path and the reason.</param>
    /// <returns><see langword="true"/> when the JSON is a command.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static bool TryParse(string json, [NotNullWhen(true)] out IncidentCommand? command, out IReadOnlyList<IncidentCommandJsonError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        command = Read(json, out var error);
        errors = error is null ? [] : [error];
        return command is not null;
    }

    private static IncidentCommand? Read(string json, out IncidentCommandJsonError? error)
    {
        error = null;
        if (json.Length > MaxDocumentBytes || Encoding.UTF8.GetByteCount(json) > MaxDocumentBytes)
        {
            error = new IncidentCommandJsonError("$", "the command is larger than 1 MiB");
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            error = new IncidentCommandJsonError("$", SyntaxReason(e));
            return null;
        }
        catch (ArgumentException)
        {
            error = new IncidentCommandJsonError("$", "the text is not valid Unicode: it contains a lone surrogate character");
            return null;
        }

        using (document)
        {
            return Read(document.RootElement, out error);
        }
    }

    /// <summary>Reads one command from a JSON value already parsed (the document's own limits apply to it).</summary>
    internal static IncidentCommand? Read(JsonElement element, out IncidentCommandJsonError? error)
    {
        var fields = new JsonFieldReader(element, "$");
        IncidentCommand? command = null;
        try
        {
            command = Read(fields);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json cannot turn a \uD800-style escape of a lone surrogate into a .NET string.
            fields.Fail(null, "the command contains text that is not valid Unicode: a lone surrogate escape such as \\ud800");
        }

        error = fields.Failed ? new IncidentCommandJsonError(fields.ErrorPath ?? "$", fields.ErrorReason!) : null;
        return fields.Failed ? null : command;
    }

    private static IncidentCommand? Read(JsonFieldReader f)
    {
        if (!f.IsObjectWithUniqueKeys("a command"))
        {
            return null;
        }

        if (!f.Element.TryGetProperty(CommandKey, out var name))
        {
            f.Fail(CommandKey, $"command is required: one of {CommandCatalogue.NameList}");
            return null;
        }

        if (name.ValueKind != JsonValueKind.String)
        {
            f.Fail(CommandKey, $"command must be a string, one of {CommandCatalogue.NameList}; not {EventLogMapper.Describe(name.ValueKind)}");
            return null;
        }

        if (CommandCatalogue.Find(name.GetString()!) is not { } type)
        {
            f.Fail(CommandKey, $"'{name.GetString()}' is not a command; the commands are {CommandCatalogue.NameList}");
            return null;
        }

        foreach (var property in f.Element.EnumerateObject())
        {
            if (property.Name != CommandKey && type.Field(property.Name) is null)
            {
                var expected = type.Fields.IsEmpty ? "only command" : "command, " + string.Join(", ", type.Fields.Select(field => field.CommandName));
                f.Fail(property.Name, $"unknown field '{property.Name}'; {type.Name} commands have {expected}");
                return null;
            }
        }

        var values = new object?[type.Fields.Length];
        for (var i = 0; i < values.Length && !f.Failed; i++)
        {
            var field = type.Fields[i];
            var key = field.CommandName!;
            values[i] = f.Field(field, key);
            if (!f.Failed && values[i] is string text && field.Shape is { } shape
                && StorableText.Check(text, shape, field.What ?? key) is { } reason)
            {
                f.Fail(key, reason.TrimEnd('.'));
            }
        }

        return f.Failed ? null : type.Create(values);
    }

    private static string SyntaxReason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        var where = $" at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}";
        return message.Contains("maximum configured depth", StringComparison.Ordinal)
            ? $"the JSON is nested deeper than {MaxDepth} levels{where}"
            : $"malformed JSON{where}: {message.TrimEnd('.')}";
    }
}
