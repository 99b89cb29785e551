using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;
using IncidentPolicy.Testing;
using NodaTime;

namespace IncidentPolicy.Tests.Serialization;

public class IncidentCommandJsonTests
{
    public static TheoryData<IncidentCommand, string> Examples => new()
    {
        { new RaiseAlert("Checkout error rate > 5%", "checkout", "SEV-1"),
          """{"command":"raiseAlert","summary":"Checkout error rate > 5%","service":"checkout","severity":"SEV-1"}""" },
        { new RaiseAlert("Disk full"), """{"command":"raiseAlert","summary":"Disk full","service":null,"severity":null}""" },
        { new Acknowledge(), """{"command":"acknowledge"}""" },
        { new Declare("SEV-1", "Checkout down"), """{"command":"declare","severity":"SEV-1","title":"Checkout down"}""" },
        { new AssignRole(Role: "comms-lead", Person: "maria"), """{"command":"assignRole","role":"comms-lead","person":"maria"}""" },
        { new PostStatusUpdate(StatusAudience.External, "We are investigating.\nMore soon."),
          """{"command":"postStatusUpdate","audience":"external","message":"We are investigating.\nMore soon."}""" },
        { new RecordImpact("revenueLoss", 47000.50m, "USD"), """{"command":"recordImpact","metric":"revenueLoss","value":47000.50,"unit":"USD"}""" },
        { new SchedulePostMortem(Instant.FromUtc(2026, 6, 1, 9, 30)), """{"command":"schedulePostMortem","for":"2026-06-01T09:30:00Z"}""" },
        { new AddActionItem("AI-1", "Add a canary for checkout", "platform", new LocalDate(2026, 6, 5)),
          """{"command":"addActionItem","id":"AI-1","action":"Add a canary for checkout","owner":"platform","due":"2026-06-05"}""" },
        { new ChangeActionItemStatus("AI-1", ActionItemStatus.WontDo, "superseded"),
          """{"command":"changeActionItemStatus","id":"AI-1","status":"wontDo","reason":"superseded"}""" },
        { new MergeInto("INC-7"), """{"command":"mergeInto","incidentId":"INC-7"}""" },
        { new AddNote("Ünïcödé € 😀"), "{\"command\":\"addNote\",\"text\":\"Ünïcödé € \\uD83D\\uDE00\"}" },
        { new RaiseAlert("Disk full", null, "SEV-2", "host-7/disk"),
          """{"command":"raiseAlert","summary":"Disk full","service":null,"severity":"SEV-2","dedupKey":"host-7/disk"}""" },
        { new JoinAlert("Disk still full", "host-7/disk", "critical"),
          """{"command":"joinAlert","summary":"Disk still full","dedupKey":"host-7/disk","severity":"critical"}""" },
        { new ClearAlert("host-7/disk"), """{"command":"clearAlert","dedupKey":"host-7/disk"}""" },
        { new AdoptPolicy("sha256:cd34"), """{"command":"adoptPolicy","policyHash":"sha256:cd34"}""" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Serialize_Example_WritesTheDocumentedForm(IncidentCommand command, string json) =>
        Assert.Equal(json, IncidentCommandJson.Serialize(command));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Parse_Example_ReadsTheCommand(IncidentCommand command, string json) =>
        Assert.Equal(command, IncidentCommandJson.Parse(json));

    [Fact]
    public void Generators_CoverEveryCommand() => Assert.Equal(Enum.GetValues<CommandKind>().Length, IncidentGen.CommandTypeCount);

    [Property(MaxTest = 500)]
    public Property Parse_OfSerialize_IsTheCommand() =>
        Prop.ForAll(IncidentGen.WellFormedCommands.ToArbitrary(), command =>
            IncidentCommandJson.TryParse(IncidentCommandJson.Serialize(command), out var read, out var errors)
            && errors.Count == 0 && read.Equals(command) && IncidentCommandJson.Serialize(read) == IncidentCommandJson.Serialize(command));

    [Property(MaxTest = 200)]
    public Property Serialize_IsTheEventLogsFieldsOfTheEventTheCommandRecords() =>
        Prop.ForAll(IncidentGen.WellFormedCommands.ToArbitrary(), command =>
        {
            // The command's form is the event's line without type, at and by, under the command's name (and field names).
            var line = EventLogJson.SerializeLine(command.ToEvent(Instant.FromUtc(2026, 5, 29, 14, 0), "x"));
            var fields = line[(line.IndexOf(",\"by\":\"x\"", StringComparison.Ordinal) + 9)..].Replace(",\"policyHash\":null", "", StringComparison.Ordinal);
            var json = IncidentCommandJson.Serialize(command);
            var body = json[(json.IndexOf('"', 12) + 1)..].Replace("\"incidentId\":", "\"into\":", StringComparison.Ordinal);
            return body == fields;
        });

    [Fact]
    public void Parse_KeysInAnyOrder_OptionalFieldsAbsentOrNull_ReadTheSameCommand()
    {
        Assert.Equal(new Declare("SEV-2", "t"), IncidentCommandJson.Parse("""{"title":"t","command":"declare","severity":"SEV-2"}"""));
        Assert.Equal(new RaiseAlert("s"), IncidentCommandJson.Parse("""{"command":"raiseAlert","summary":"s"}"""));
        Assert.Equal(new RaiseAlert("s"), IncidentCommandJson.Parse(""" { "command" : "raiseAlert", "summary" : "s", "service" : null } """));
        Assert.Equal(new Resolve(""), IncidentCommandJson.Parse("""{"command":"resolve","summary":""}"""));
    }

    public static TheoryData<string, string, string> BadInput => new()
    {
        // malformed, too deep, not an object
        { "", "$", "malformed JSON at line 1, column 1" },
        { """{"command":"acknowledge",}""", "$", "malformed JSON at line 1, column 26" },
        { """{"command":"acknowledge"} x""", "$", "malformed JSON" },
        { "[" + new string('[', 70) + new string(']', 70) + "]", "$", "nested deeper than 64 levels" },
        { """["acknowledge"]""", "$", "a command must be a JSON object, not a list" },
        { "null", "$", "a command must be a JSON object, not null" },
        // duplicate, missing, wrongly typed, unknown command
        { """{"command":"acknowledge","command":"close"}""", "$.command", "duplicate key 'command'; each key may appear once" },
        { """{"command":"addNote","text":"a","text":"b"}""", "$.text", "duplicate key 'text'" },
        { """{"summary":"s"}""", "$.command", "command is required: one of raiseAlert, acknowledge, declare," },
        { """{"command":7}""", "$.command", "command must be a string, one of raiseAlert, acknowledge" },
        { """{"command":null}""", "$.command", "not null" },
        { """{"command":"Declare"}""", "$.command", "'Declare' is not a command; the commands are raiseAlert, acknowledge, declare" },
        { """{"command":"declared"}""", "$.command", "'declared' is not a command" },
        // unknown fields
        { """{"command":"acknowledge","by":"alex"}""", "$.by", "unknown field 'by'; acknowledge commands have only command" },
        { """{"command":"declare","severity":"SEV-1","title":"t","at":"2026-05-29T14:00:00Z"}""", "$.at",
          "unknown field 'at'; declare commands have command, severity, title" },
        { """{"command":"raiseAlert","summary":"s","policyHash":"sha256:ab"}""", "$.policyHash",
          "unknown field 'policyHash'; raiseAlert commands have command, summary, service, severity" },
        { """{"command":"mergeInto","into":"INC-1"}""", "$.into", "unknown field 'into'; mergeInto commands have command, incidentId" },
        { """{"command":"addNote","text":"a","odd key":1}""", "$['odd key']", "unknown field 'odd key'" },
        // missing and wrongly typed fields
        { """{"command":"declare","severity":"SEV-1"}""", "$.title", "title is required" },
        { """{"command":"declare","severity":"SEV-1","title":null}""", "$.title", "title is required and may not be null" },
        { """{"command":"declare","severity":1,"title":"t"}""", "$.severity", "severity must be a string, not a number" },
        { """{"command":"raiseAlert","summary":"s","service":true}""", "$.service", "service must be a string or null, not a boolean" },
        { """{"command":"recordImpact","metric":"m","value":"12"}""", "$.value", "value must be a number, not a string" },
        { """{"command":"recordImpact","metric":"m"}""", "$.value", "value is required: a number" },
        { """{"command":"schedulePostMortem","for":1}""", "$.for", "for must be a string, an instant like 2026-05-30T15:00:00Z; not a number" },
        { """{"command":"schedulePostMortem"}""", "$.for", "for is required: an instant like 2026-05-30T15:00:00Z" },
        { """{"command":"addActionItem","id":"AI-1","action":"a","owner":"o","due":{}}""", "$.due", "due must be a string, a date like 2026-06-05; not an object" },
        // blank required text
        { """{"command":"addNote","text":"  "}""", "$.text", "text may not be blank" },
        { """{"command":"declare","severity":"","title":"t"}""", "$.severity", "severity may not be blank" },
        // bad enum values
        { """{"command":"postStatusUpdate","audience":"External","message":"m"}""", "$.audience", "'External' is not an audience; write internal or external" },
        { """{"command":"changeActionItemStatus","id":"AI-1","status":"closed"}""", "$.status",
          "'closed' is not an action item status; write open, inProgress, done or wontDo" },
        // bad instants and dates
        { """{"command":"schedulePostMortem","for":"2026-06-01T09:30:00"}""", "$.for", "" },
        { """{"command":"schedulePostMortem","for":"2026-02-30T09:30:00Z"}""", "$.for", "" },
        { """{"command":"schedulePostMortem","for":"2201-01-01T00:00:00Z"}""", "$.for", "2200" },
        { """{"command":"addActionItem","id":"AI-1","action":"a","owner":"o","due":"2026-13-01"}""", "$.due", "" },
        { """{"command":"addActionItem","id":"AI-1","action":"a","owner":"o","due":"1899-12-31"}""", "$.due", "1900" },
        // numbers a decimal cannot hold
        { """{"command":"recordImpact","metric":"m","value":1e40}""", "$.value", "cannot be held exactly as a decimal" },
        { """{"command":"recordImpact","metric":"m","value":0.12345678901234567890123456789012}""", "$.value", "cannot be held exactly as a decimal" },
        // text not valid for its shape
        { """{"command":"assignCommander","person":"sa\nrah"}""", "$.person", "The commander has the control character U+000A at position 2; it must be one line of printable text" },
        { """{"command":"declare","severity":"SEV-1","title":"two\nlines"}""", "$.title", "The title has the control character U+000A" },
        { """{"command":"addNote","text":"bell\u0007"}""", "$.text", "The note has the control character U+0007 at position 4; only line breaks and tabs are allowed" },
        { """{"command":"raiseAlert","summary":"s","service":"a\tb"}""", "$.service", "The service has the control character U+0009" },
        { """{"command":"addNote","text":"\ud800"}""", "$", "not valid Unicode" },
        { """{"command":"clearAlert","dedupKey":"a\u0000b"}""", "$.dedupKey", "The dedup key has the control character U+0000" },
        { """{"command":"joinAlert","summary":"s"}""", "$.dedupKey", "dedupKey is required" },
        { """{"command":"joinAlert","summary":"s","dedupKey":"k","policyHash":"h"}""", "$.policyHash",
          "unknown field 'policyHash'; joinAlert commands have command, summary, dedupKey, severity" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void TryParse_BadInput_AnswersFalseWithPathAndReason(string json, string path, string reason)
    {
        Assert.False(IncidentCommandJson.TryParse(json, out var command, out var errors));
        Assert.Null(command);
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Parse_BadInput_ThrowsTheOneExceptionType_WithTheSameError(string json, string path, string reason)
    {
        var thrown = Assert.Throws<IncidentCommandJsonException>(() => IncidentCommandJson.Parse(json));
        var error = Assert.Single(thrown.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Contains(error.ToString(), thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TextTooLongForItsShape_IsRefusedAtItsPath()
    {
        var id = new string('a', Limits.MaxIdLength + 1);
        Assert.False(IncidentCommandJson.TryParse($$"""{"command":"assignCommander","person":"{{id}}"}""", out _, out var errors));
        Assert.Equal(new IncidentCommandJsonError("$.person", "The commander is 257 characters long; at most 256 are allowed"), Assert.Single(errors));

        var note = new string('n', Limits.MaxTextLength + 1);
        Assert.False(IncidentCommandJson.TryParse($$"""{"command":"addNote","text":"{{note}}"}""", out _, out errors));
        Assert.Equal(new IncidentCommandJsonError("$.text", "The note is 65,537 characters long; at most 65,536 are allowed"), Assert.Single(errors));
    }

    [Fact]
    public void TryParse_DedupKeyLongerThan255_IsRefusedAtItsPath()
    {
        var key = new string('k', Limits.MaxDedupKeyLength + 1);
        Assert.False(IncidentCommandJson.TryParse($$"""{"command":"raiseAlert","summary":"s","dedupKey":"{{key}}"}""", out _, out var errors));
        Assert.Equal(new IncidentCommandJsonError("$.dedupKey", "The dedup key is 256 characters long; at most 255 are allowed"), Assert.Single(errors));
        Assert.Equal(new RaiseAlert("s", null, null, key[1..]), IncidentCommandJson.Parse($$"""{"command":"raiseAlert","summary":"s","dedupKey":"{{key[1..]}}"}"""));
    }

    [Fact]
    public void TryParse_TextAtItsLongest_InEveryEscapedForm_IsRead()
    {
        var note = string.Concat(Enumerable.Repeat("😀", Limits.MaxTextLength / 2));
        var json = IncidentCommandJson.Serialize(new AddNote(note));
        Assert.True(json.Length > Limits.MaxTextLength * 5);
        Assert.Equal(new AddNote(note), IncidentCommandJson.Parse(json));
    }

    [Fact]
    public void TryParse_DocumentLargerThanTheLimit_IsRefusedAtTheRoot()
    {
        var json = """{"command":"addNote","text":"x"}""" + new string(' ', IncidentCommandJson.MaxDocumentBytes);
        Assert.False(IncidentCommandJson.TryParse(json, out _, out var errors));
        Assert.Equal(new IncidentCommandJsonError("$", "the command is larger than 1 MiB"), Assert.Single(errors));

        var multiByte = """{"command":"addNote","text":"x"}""" + new string('\u00A0', IncidentCommandJson.MaxDocumentBytes / 2 + 1);
        Assert.False(IncidentCommandJson.TryParse(multiByte, out _, out errors));
        Assert.Equal("$", Assert.Single(errors).Path);
    }

    [Fact]
    public void TryParse_LoneSurrogateInTheText_IsRefused()
    {
        Assert.False(IncidentCommandJson.TryParse("{\"command\":\"addNote\",\"text\":\"a\uD800b\"}", out _, out var errors));
        Assert.Equal(new IncidentCommandJsonError("$", "the text is not valid Unicode: it contains a lone surrogate character"), Assert.Single(errors));
    }

    [Fact]
    public void TryParse_LoneSurrogateEscapeInAKey_IsRefused()
    {
        Assert.False(IncidentCommandJson.TryParse("""{"command":"acknowledge","\udc00":1}""", out _, out var errors));
        Assert.Contains("not valid Unicode", Assert.Single(errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_Null_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => IncidentCommandJson.Serialize(null!));
        Assert.Throws<ArgumentNullException>(() => IncidentCommandJson.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => IncidentCommandJson.TryParse(null!, out _, out _));
    }

    [Fact]
    public void Serialize_LoneSurrogateOrUndefinedEnum_ThrowsAsTheEventLogWriterDoes()
    {
        Assert.Equal("command", Assert.Throws<ArgumentException>(() => IncidentCommandJson.Serialize(new AddNote("a\uD800"))).ParamName);
        Assert.Throws<ArgumentException>(() => IncidentCommandJson.Serialize(new RaiseAlert("s", null, null, "\uDC00")));
        Assert.Throws<ArgumentOutOfRangeException>(() => IncidentCommandJson.Serialize(new PostStatusUpdate((StatusAudience)9, "m")));
    }

    [Fact]
    public void Exception_WithoutErrors_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new IncidentCommandJsonException([]));
        Assert.Throws<ArgumentNullException>(() => new IncidentCommandJsonException(null!));
        Assert.Throws<ArgumentNullException>(() => new IncidentCommandJsonException([null!]));
    }

    [Fact]
    public void ParsedCommands_AreAppliedLikeTheRecords()
    {
        var t0 = Instant.FromUtc(2026, 5, 29, 4, 2);
        var alert = Assert.IsType<RaiseAlert>(IncidentCommandJson.Parse("""{"command":"raiseAlert","summary":"Checkout error rate > 5%"}"""));
        var raised = Incident.Raise(ResponsePolicy.Default, "INC-1", alert, new Actor("monitoring"), t0);
        Assert.True(raised.IsAccepted);
        var acknowledged = raised.Incident.Apply(
            IncidentCommandJson.Parse("""{"command":"acknowledge"}"""), new Actor("alex", "on-call-engineer"), t0 + Duration.FromMinutes(3), expectedVersion: 1);
        Assert.True(acknowledged.IsAccepted);
        Assert.Equal(new Acknowledged(t0 + Duration.FromMinutes(3), "alex"), acknowledged.Event);
    }
}
