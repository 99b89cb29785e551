using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IncidentPolicy;

/// <summary>
/// Reads and writes policy files: JSON with <c>"formatVersion": 2</c>, camelCase keys, ISO 8601 text for
/// times, and no unknown or duplicate keys.
/// </summary>
/// <remarks>
/// <para>A file holds what it writes: a section it leaves out is empty, and without <c>lifecycle.permissions</c> the
/// policy gets <see cref="PermissionTable.Secure"/>. With <c>"extends": "seed"</c> each top-level section it leaves out
/// is the seed playbook's (<see cref="ResponsePolicy.Default"/>) whole; a problem in such a section is reported at the
/// section's path, saying it comes from the seed. Format version 1 is read as before when it means the same; where it
/// took a section from the seed, or let anyone issue a command its permissions left out, each such place is a
/// problem saying what to write. <see cref="Serialize"/> writes version 2 with every section and never
/// <c>extends</c>.</para>
/// <para>Reading checks everything at once and reports every problem in one
/// <see cref="PolicyValidationException"/>, each with a JSON path and a reason; only a JSON syntax error
/// (or a value of the wrong JSON type) stops at the first. No other exception escapes for bad input, and
/// <see cref="TryParse(string, PolicyReadOptions, out ResponsePolicy?, out IReadOnlyList{PolicyProblem})"/> and <see cref="TryLoad(string, PolicyReadOptions, out ResponsePolicy?, out IReadOnlyList{PolicyProblem})"/> throw for none: like every reader of the library, the throwing
/// <see cref="Parse(string)"/> and <see cref="Load(string)"/> have a <c>Try</c> twin that answers <see langword="false"/> and the
/// problems.</para>
/// <para><b>Limits.</b> A document may be at most <see cref="MaxDocumentBytes"/> (1 MiB) of UTF-8 and nested at most
/// <see cref="MaxDepth"/> (64) levels deep; past either it is refused with one problem at <c>$</c>. What is read must
/// also be writable and readable back unchanged, so a document is refused, with a problem at the value's path, when
/// it has: an id longer than <see cref="Limits.MaxIdLength"/> (256) or a text longer than
/// <see cref="Limits.MaxTextLength"/> (65,536 UTF-16 code units); text that is not valid Unicode (an escaped lone
/// surrogate); a control character in an id or a one-line text (names, titles, examples, runbook lines), or one other
/// than a line break or tab in free text (descriptions, change-window reasons); a date or instant outside
/// <see cref="Limits.MinDate"/> … <see cref="Limits.MaxDate"/> (1900-01-01 to 2200-12-31: holidays, rotation starts,
/// overrides, leave); a duration longer than <see cref="Limits.MaxDuration"/> (36,525 days); a condition nested deeper
/// than <see cref="Limits.MaxConditionDepth"/> (20). The policy's written form (<see cref="Serialize"/>) may take at
/// most <see cref="Limits.MaxPolicyBytes"/> (1,000,000 bytes); a larger one is refused with a problem at <c>$</c>,
/// though the document itself was under 1 MiB (the written form writes every key, indented). Policies built in code
/// obey the same rules: their constructors and <c>With…</c> methods throw <see cref="PolicyValidationException"/>.</para>
/// <para>Writing is deterministic: two-space indentation, <c>\n</c> line ends, every key present (a key
/// without a value is written as <c>null</c>), severities in rank order. <c>Parse(Serialize(p))</c>
/// serializes to the same text, for every policy that a constructor or <see cref="Parse(string)"/> accepted.</para>
/// <para>All members are thread-safe.</para>
/// </remarks>
public static class PolicyJson
{
    /// <summary>The largest policy document accepted: 1 MiB of UTF-8.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    /// <summary>The deepest nesting of objects and arrays accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>The source-generated context with readable escaping (non-ASCII text as is), shared by every writer.</summary>
    internal static readonly PolicyJsonContext Context = new(new JsonSerializerOptions(PolicyJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    private static readonly Lazy<string> SchemaText = new(() => PolicySchema.Generate(Context.Options));

    /// <summary>The JSON Schema (draft 2020-12) of policy files, for editors and CI checks. It is the content
    /// of <c>schemas/policy.schema.json</c> in the repository.</summary>
    public static string Schema => SchemaText.Value;

    /// <summary>Reads a policy from JSON text.</summary>
    /// <param name="json">The policy document.</param>
    /// <returns>The validated policy; see <see cref="ResponsePolicy.Warnings"/> for allowed oddities.</returns>
    /// <exception cref="PolicyValidationException">The document is invalid; every problem is listed.</exception>
    public static ResponsePolicy Parse(string json) =>
        TryParse(json, out var policy, out var problems) ? policy : throw new PolicyValidationException(problems);

    /// <summary>Reads a policy from JSON text with options, such as a source for country holidays.</summary>
    /// <param name="json">The policy document.</param>
    /// <param name="options">How to read it.</param>
    /// <returns>The validated policy; see <see cref="ResponsePolicy.Warnings"/> for allowed oddities.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The document is invalid; every problem is listed.</exception>
    public static ResponsePolicy Parse(string json, PolicyReadOptions options) =>
        TryParse(json, options, out var policy, out var problems) ? policy : throw new PolicyValidationException(problems);

    /// <summary>Reads a policy from JSON text without throwing for bad input.</summary>
    /// <param name="json">The policy document.</param>
    /// <param name="policy">The policy, when the document is valid.</param>
    /// <param name="problems">Every problem found, each with a JSON path and a reason; empty when valid.</param>
    /// <returns><see langword="true"/> when the document is a valid policy.</returns>
    public static bool TryParse(string json, [NotNullWhen(true)] out ResponsePolicy? policy, out IReadOnlyList<PolicyProblem> problems) =>
        TryParse(json, PolicyReadOptions.Default, out policy, out problems);

    /// <summary>Reads a policy from JSON text with options, without throwing for bad input.</summary>
    /// <param name="json">The policy document.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="policy">The policy, when the document is valid.</param>
    /// <param name="problems">Every problem found, each with a JSON path and a reason; empty when valid.</param>
    /// <returns><see langword="true"/> when the document is a valid policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static bool TryParse(string json, PolicyReadOptions options, [NotNullWhen(true)] out ResponsePolicy? policy, out IReadOnlyList<PolicyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = new ProblemList();
        policy = Read(json, options, list);
        problems = list.Problems;
        return policy is not null;
    }

    /// <summary>Reads a policy from a UTF-8 JSON file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The validated policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The file cannot be read or is invalid; a file that cannot be
    /// read is one problem at path <c>$</c> saying why. Never an <see cref="IOException"/>.</exception>
    public static ResponsePolicy Load(string path) =>
        TryLoad(path, out var policy, out var problems) ? policy : throw new PolicyValidationException(problems);

    /// <summary>Reads a policy from a UTF-8 JSON file with options, such as a source for country holidays.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">How to read it.</param>
    /// <returns>The validated policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The file cannot be read or is invalid.</exception>
    public static ResponsePolicy Load(string path, PolicyReadOptions options) =>
        TryLoad(path, options, out var policy, out var problems) ? policy : throw new PolicyValidationException(problems);

    /// <summary>Reads a policy from a UTF-8 JSON file without throwing for a bad document or a file that cannot be
    /// read.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="policy">The policy, when the file holds a valid one.</param>
    /// <param name="problems">Every problem found, as <see cref="TryParse(string, PolicyReadOptions, out ResponsePolicy?, out IReadOnlyList{PolicyProblem})"/> lists them; a file that does not exist,
    /// cannot be read or is larger than <see cref="MaxDocumentBytes"/> is one problem at path <c>$</c> saying why.
    /// Empty when valid.</param>
    /// <returns><see langword="true"/> when the file holds a valid policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static bool TryLoad(string path, [NotNullWhen(true)] out ResponsePolicy? policy, out IReadOnlyList<PolicyProblem> problems) =>
        TryLoad(path, PolicyReadOptions.Default, out policy, out problems);

    /// <summary>Reads a policy from a UTF-8 JSON file with options, without throwing for a bad document or a file
    /// that cannot be read.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="policy">The policy, when the file holds a valid one.</param>
    /// <param name="problems">Every problem found, as <see cref="TryLoad(string, out ResponsePolicy?, out IReadOnlyList{PolicyProblem})"/>
    /// lists them; empty when valid.</param>
    /// <returns><see langword="true"/> when the file holds a valid policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="options"/> is null.</exception>
    public static bool TryLoad(string path, PolicyReadOptions options, [NotNullWhen(true)] out ResponsePolicy? policy, out IReadOnlyList<PolicyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var file = BoundedFile.Read(path, MaxDocumentBytes);
        var reason = file.Problem switch
        {
            FileProblem.None => null,
            FileProblem.Missing => $"policy file '{path}' does not exist",
            FileProblem.TooLarge => TooLargeReason,
            _ => $"cannot read policy file '{path}': {file.Detail}",
        };
        if (reason is null)
        {
            return TryParse(file.Text, options, out policy, out problems);
        }

        policy = null;
        problems = [new PolicyProblem("$", reason)];
        return false;
    }

    /// <summary>Writes a policy as JSON in the canonical form.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The JSON text, without a trailing line break.</returns>
    public static string Serialize(ResponsePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return JsonSerializer.Serialize(PolicyMapper.ToDocument(policy), Context.PolicyDocument);
    }

    /// <summary>How many bytes of UTF-8 <see cref="Serialize"/> writes for <paramref name="policy"/>, counted as the
    /// writer goes rather than kept.</summary>
    internal static long WrittenBytes(ResponsePolicy policy)
    {
        using var counter = new ByteCounter();
        JsonSerializer.Serialize(counter, PolicyMapper.ToDocument(policy), Context.PolicyDocument);
        return counter.Length;
    }

    private const string TooLargeReason = "the document is larger than 1 MiB";

    private static ResponsePolicy? Read(string json, PolicyReadOptions options, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxDocumentBytes || Encoding.UTF8.GetByteCount(json) > MaxDocumentBytes)
        {
            problems.Add("$", TooLargeReason);
            return null;
        }

        // A byte order mark is not JSON, but editors write one; File.ReadAllText drops it, so Parse does too.
        var text = json.AsMemory();
        if (text.Span.StartsWith("\uFEFF"))
        {
            text = text[1..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException e)
        {
            problems.Add("$", SyntaxReason(e));
            return null;
        }
        catch (ArgumentException)
        {
            // System.Text.Json cannot transcode a string holding a lone UTF-16 surrogate.
            problems.Add("$", "the text is not valid Unicode: it contains a lone surrogate character");
            return null;
        }

        using (document)
        {
            JsonPaths.FindDuplicateKeys(document.RootElement, "$", problems);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add("$", $"a policy must be a JSON object, not {Describe(document.RootElement.ValueKind)}");
                return null;
            }

            PolicyDocument? policyDocument;
            try
            {
                policyDocument = document.Deserialize(Context.PolicyDocument);
            }
            catch (JsonException e)
            {
                if (e.InnerException is InvalidOperationException && JsonPaths.FindInvalidUnicode(document.RootElement, "$") is { } invalid)
                {
                    problems.AddUnreadable(invalid.Path, invalid.Reason);
                }
                else
                {
                    problems.Add(e.Path ?? "$", WrongTypeReason(e));
                }

                return null;
            }

            return policyDocument is null ? null : PolicyMapper.ToPolicy(policyDocument, problems, options);
        }
    }

    private static string SyntaxReason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        var where = e.LineNumber is { } line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
        return message.Contains("maximum configured depth", StringComparison.Ordinal)
            ? $"the document is nested deeper than {MaxDepth} levels{where}"
            : $"malformed JSON{where}: {message.TrimEnd('.')}";
    }

    private static string WrongTypeReason(JsonException e)
    {
        // System.Text.Json names the target type: "The JSON value could not be converted to System.Collections.Generic.List`1[…]."
        const string marker = "could not be converted to ";
        var at = e.Message.IndexOf(marker, StringComparison.Ordinal);
        var type = at < 0 ? "" : e.Message[(at + marker.Length)..];
        var expected =
            type.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) ? "a list"
            : type.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal) ? "an object"
            : type.StartsWith("System.Nullable`1[System.Int32]", StringComparison.Ordinal) ? "a whole number"
            : type.StartsWith("System.Nullable`1[System.Boolean]", StringComparison.Ordinal) ? "true or false"
            : type.StartsWith("System.Nullable`1[System.Decimal]", StringComparison.Ordinal) ? "a number"
            : type.StartsWith("System.String", StringComparison.Ordinal) ? "a string"
            : type.StartsWith("IncidentPolicy.HolidayEntryDocument", StringComparison.Ordinal) ? "a holiday: a date like 2026-12-25, an annual date like --12-25, or an object such as {\"easter\": 1}"
            : type.StartsWith("IncidentPolicy.", StringComparison.Ordinal) ? "an object"
            : "a value of another type";
        return $"expected {expected}";
    }

    /// <summary>A stream that only counts the bytes written to it.</summary>
    private sealed class ByteCounter : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
