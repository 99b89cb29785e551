using System.Text;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Tests.Serialization;

public class EventLogJsonTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 5, 29, 14, 0);

    private static Instant At(int minutes) => T0 + Duration.FromMinutes(minutes);

    /// <summary>Every event type with its exact line, in the seed's checkout incident.</summary>
    public static TheoryData<IncidentEvent, string> EveryType => new()
    {
        { new AlertFired(At(0), "monitoring", "Checkout error rate > 5%", "checkout", "SEV-1", "sha256:ab12"),
          """{"type":"alertFired","at":"2026-05-29T14:00:00Z","by":"monitoring","summary":"Checkout error rate > 5%","service":"checkout","severity":"SEV-1","policyHash":"sha256:ab12"}""" },
        { new AlertFired(At(0), "monitoring", "Disk full"),
          """{"type":"alertFired","at":"2026-05-29T14:00:00Z","by":"monitoring","summary":"Disk full","service":null,"severity":null,"policyHash":null}""" },
        { new Acknowledged(At(2), "alice"), """{"type":"acknowledged","at":"2026-05-29T14:02:00Z","by":"alice"}""" },
        { new Declared(At(4), "alice", "SEV-1", "Checkout errors"),
          """{"type":"declared","at":"2026-05-29T14:04:00Z","by":"alice","severity":"SEV-1","title":"Checkout errors"}""" },
        { new CommanderAssigned(At(5), "alice", "bob"), """{"type":"commanderAssigned","at":"2026-05-29T14:05:00Z","by":"alice","person":"bob"}""" },
        { new RoleAssigned(At(6), "bob", "comms-lead", "carol"),
          """{"type":"roleAssigned","at":"2026-05-29T14:06:00Z","by":"bob","role":"comms-lead","person":"carol"}""" },
        { new SeverityChanged(At(7), "bob", "SEV-2", "only EU affected"),
          """{"type":"severityChanged","at":"2026-05-29T14:07:00Z","by":"bob","severity":"SEV-2","reason":"only EU affected"}""" },
        { new StatusUpdatePosted(At(8), "carol", StatusAudience.External, "We are investigating checkout errors."),
          """{"type":"statusUpdatePosted","at":"2026-05-29T14:08:00Z","by":"carol","audience":"external","message":"We are investigating checkout errors."}""" },
        { new ImpactRecorded(At(9), "bob", "revenueLoss", 47000m, "USD"),
          """{"type":"impactRecorded","at":"2026-05-29T14:09:00Z","by":"bob","metric":"revenueLoss","value":47000,"unit":"USD"}""" },
        { new ImpactRecorded(At(9), "bob", "failedCheckouts", 2340m),
          """{"type":"impactRecorded","at":"2026-05-29T14:09:00Z","by":"bob","metric":"failedCheckouts","value":2340,"unit":null}""" },
        { new FlagRaised(At(10), "bob", "dataBreachSuspected"), """{"type":"flagRaised","at":"2026-05-29T14:10:00Z","by":"bob","flag":"dataBreachSuspected"}""" },
        { new Mitigated(At(20), "bob", "rolled back v2.3.1"), """{"type":"mitigated","at":"2026-05-29T14:20:00Z","by":"bob","summary":"rolled back v2.3.1"}""" },
        { new Resolved(At(30), "bob"), """{"type":"resolved","at":"2026-05-29T14:30:00Z","by":"bob","summary":null}""" },
        { new Reopened(At(40), "bob", "errors are back"), """{"type":"reopened","at":"2026-05-29T14:40:00Z","by":"bob","reason":"errors are back"}""" },
        { new PostMortemScheduled(At(50), "bob", Instant.FromUtc(2026, 5, 31, 10, 0) + Duration.FromMilliseconds(500)),
          """{"type":"postMortemScheduled","at":"2026-05-29T14:50:00Z","by":"bob","for":"2026-05-31T10:00:00.5Z"}""" },
        { new PostMortemPublished(At(60), "bob"), """{"type":"postMortemPublished","at":"2026-05-29T15:00:00Z","by":"bob"}""" },
        { new ActionItemAdded(At(61), "bob", "AI-1", "Add a canary stage", "dave", new LocalDate(2026, 6, 5)),
          """{"type":"actionItemAdded","at":"2026-05-29T15:01:00Z","by":"bob","id":"AI-1","action":"Add a canary stage","owner":"dave","due":"2026-06-05"}""" },
        { new ActionItemCompleted(At(62), "dave", "AI-1"), """{"type":"actionItemCompleted","at":"2026-05-29T15:02:00Z","by":"dave","id":"AI-1"}""" },
        { new ActionItemStatusChanged(At(63), "dave", "AI-2", ActionItemStatus.WontDo, "superseded"),
          """{"type":"actionItemStatusChanged","at":"2026-05-29T15:03:00Z","by":"dave","id":"AI-2","status":"wontDo","reason":"superseded"}""" },
        { new ActionItemStatusChanged(At(63), "dave", "AI-2", ActionItemStatus.InProgress),
          """{"type":"actionItemStatusChanged","at":"2026-05-29T15:03:00Z","by":"dave","id":"AI-2","status":"inProgress","reason":null}""" },
        { new Closed(At(64), "bob"), """{"type":"closed","at":"2026-05-29T15:04:00Z","by":"bob"}""" },
        { new Declined(At(3), "alice", "false alarm"), """{"type":"declined","at":"2026-05-29T14:03:00Z","by":"alice","reason":"false alarm"}""" },
        { new Merged(At(3), "alice", "INC-41"), """{"type":"merged","at":"2026-05-29T14:03:00Z","by":"alice","into":"INC-41"}""" },
        { new NoteAdded(At(3), "alice", "Ünïcödé € \"quoted\"\nsecond line"),
          """{"type":"noteAdded","at":"2026-05-29T14:03:00Z","by":"alice","text":"Ünïcödé € \"quoted\"\nsecond line"}""" },
        { new NotificationSent(At(30), "bot", "escalate:page-engineering-manager#1", "engineering-manager"),
          """{"type":"notificationSent","at":"2026-05-29T14:30:00Z","by":"bot","key":"escalate:page-engineering-manager#1","target":"engineering-manager"}""" },
        { new ReminderSent(At(14), "bot", "externalUpdate#2"), """{"type":"reminderSent","at":"2026-05-29T14:14:00Z","by":"bot","key":"externalUpdate#2"}""" },
        { new ChannelCreated(At(5), "bot", "#inc-2026-05-29-checkout-errors"),
          """{"type":"channelCreated","at":"2026-05-29T14:05:00Z","by":"bot","channel":"#inc-2026-05-29-checkout-errors"}""" },
        { new AlertFired(At(0), "monitoring", "Checkout error rate > 5%", null, null, "sha256:ab12", "checkout/error-rate"),
          """{"type":"alertFired","at":"2026-05-29T14:00:00Z","by":"monitoring","summary":"Checkout error rate > 5%","service":null,"severity":null,"policyHash":"sha256:ab12","dedupKey":"checkout/error-rate"}""" },
        { new AlertJoined(At(3), "monitoring", "Checkout error rate > 8%", "checkout/error-rate", "critical"),
          """{"type":"alertJoined","at":"2026-05-29T14:03:00Z","by":"monitoring","summary":"Checkout error rate > 8%","dedupKey":"checkout/error-rate","severity":"critical"}""" },
        { new AlertJoined(At(3), "monitoring", "again", "k"),
          """{"type":"alertJoined","at":"2026-05-29T14:03:00Z","by":"monitoring","summary":"again","dedupKey":"k","severity":null}""" },
        { new AlertCleared(At(25), "monitoring", "checkout/error-rate"),
          """{"type":"alertCleared","at":"2026-05-29T14:25:00Z","by":"monitoring","dedupKey":"checkout/error-rate"}""" },
        { new PolicyAdopted(At(26), "erin", "sha256:cd34"), """{"type":"policyAdopted","at":"2026-05-29T14:26:00Z","by":"erin","policyHash":"sha256:cd34"}""" },
    };

    private static readonly IncidentEvent[] Checkout =
    [
        new AlertFired(At(0), "monitoring", "Checkout error rate > 5%", "checkout"),
        new Acknowledged(At(2), "alice"),
        new Declared(At(4), "alice", "SEV-1", "Checkout errors"),
    ];

    /// <summary>Reads with <see cref="EventLogJson.TryParse"/>: whether the whole log was read, the contents and the
    /// error; a good log has no error, a bad one exactly one (reading stops at the first).</summary>
    private static (bool Succeeded, EventLogContents Contents, EventLogError? Error) Read(string text)
    {
        var succeeded = EventLogJson.TryParse(text, out var contents, out var errors);
        Assert.NotNull(contents);
        Assert.Equal(succeeded ? 0 : 1, errors.Count);
        return (succeeded, contents, succeeded ? null : errors[0]);
    }

    /// <summary>Reads a bad log both ways and checks they agree; answers the error and the events kept.</summary>
    private static (EventLogError Error, IReadOnlyList<IncidentEvent> Events) Bad(string text)
    {
        var result = Read(text);
        Assert.False(result.Succeeded);
        var ex = Assert.Throws<EventLogException>(() => EventLogJson.Parse(text));
        Assert.Equal(result.Error, Assert.Single(ex.Errors));
        Assert.Equal(result.Contents.Events, ex.Contents.Events);
        Assert.Equal(result.Contents.IncidentId, ex.Contents.IncidentId);
        Assert.Equal("The event log is invalid: " + result.Error, ex.Message);
        return (result.Error!, result.Contents.Events);
    }

    private static void AssertError(EventLogError error, int index, int? line, string? path, string reason)
    {
        Assert.Equal(reason, error.Reason);
        Assert.Equal(path, error.Path);
        Assert.Equal(line, error.Line);
        Assert.Equal(index, error.Index);
    }

    /// <summary>Two good lines, a blank line, then the bad one: index 2, line 4.</summary>
    private static string AfterTwoGoodLines(string badLine) =>
        EventLogJson.SerializeLine(Checkout[0]) + "\n" + EventLogJson.SerializeLine(Checkout[1]) + "\n\n" + badLine + "\n";

    private static void AssertBadThirdEvent(string badLine, string? path, string reason)
    {
        var (error, events) = Bad(AfterTwoGoodLines(badLine));
        AssertError(error, 2, 4, path, reason);
        Assert.Equal(Checkout[..2], events);
    }

    private const string Head = "{\"type\":\"declared\",\"at\":\"2026-05-29T14:04:00Z\",\"by\":\"alice\"";

    // ---- Writing ----

    [Theory]
    [MemberData(nameof(EveryType))]
    public void SerializeLine_EveryType_WritesExactLine(IncidentEvent incidentEvent, string expected) =>
        Assert.Equal(expected, EventLogJson.SerializeLine(incidentEvent));

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Read_EveryTypeLine_ReadsEqualEvent(IncidentEvent expected, string line)
    {
        var result = Read(line);
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Null(result.Contents.IncidentId);
        Assert.Equal(expected, Assert.Single(result.Contents.Events));
    }

    [Fact]
    public void EveryType_CoversAllEventTypes()
    {
        var types = EveryType.Select(row => ((IncidentEvent)row[0]).GetType()).Distinct().ToList();
        var all = typeof(IncidentEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(IncidentEvent)) && !t.IsAbstract).ToList();
        Assert.Equal(27, all.Count);
        Assert.Equal(all.OrderBy(t => t.Name), types.OrderBy(t => t.Name));
    }

    [Fact]
    public void Serialize_TextWithALoneSurrogate_IsRefused_NotWrittenAsAReplacementCharacter()
    {
        Assert.Throws<ArgumentException>(() => EventLogJson.SerializeLine(new NoteAdded(T0, "alice", "a\uD800b")));
        Assert.Throws<ArgumentException>(() => EventLogJson.SerializeLine(new Acknowledged(T0, "al\uDC00ice")));
        Assert.Throws<ArgumentException>(() => EventLogJson.SerializeLines([new AlertFired(T0, "m", "s", DedupKey: "\uD800")]));
        Assert.Throws<ArgumentException>(() => EventLogJson.SerializeDocument("INC-1", [new Reopened(T0, "bob", "\uD800")]));
    }

    [Fact]
    public void SerializeLines_Events_OneCompactLineEachEndingInNewline()
    {
        var text = EventLogJson.SerializeLines(Checkout);
        Assert.Equal(string.Concat(Checkout.Select(e => EventLogJson.SerializeLine(e) + "\n")), text);
        Assert.Equal(3, text.Count(c => c == '\n'));
        Assert.Equal("", EventLogJson.SerializeLines([]));
    }

    [Fact]
    public void SerializeDocument_Events_WritesExactIndentedDocument()
    {
        var text = EventLogJson.SerializeDocument("INC-2026-05-29-1", Checkout[1..]);
        Assert.Equal(
            """
            {
              "formatVersion": 1,
              "incident": "INC-2026-05-29-1",
              "events": [
                {
                  "type": "acknowledged",
                  "at": "2026-05-29T14:02:00Z",
                  "by": "alice"
                },
                {
                  "type": "declared",
                  "at": "2026-05-29T14:04:00Z",
                  "by": "alice",
                  "severity": "SEV-1",
                  "title": "Checkout errors"
                }
              ]
            }
            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void SerializeDocument_NoEvents_WritesEmptyList() =>
        Assert.Equal("{\n  \"formatVersion\": 1,\n  \"incident\": \"INC-1\",\n  \"events\": []\n}", EventLogJson.SerializeDocument("INC-1", []));

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(47000, "47000")]
    [InlineData(-12.5, "-12.5")]
    public void SerializeLine_Decimal_WritesExactNumber(double value, string expected)
    {
        var line = EventLogJson.SerializeLine(new ImpactRecorded(T0, "bob", "m", (decimal)value));
        Assert.Contains($"\"value\":{expected},", line, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeLine_DecimalWithTrailingZerosAndManyDigits_KeepsItsDigits()
    {
        Assert.Contains("\"value\":2.50,", EventLogJson.SerializeLine(new ImpactRecorded(T0, "b", "m", 2.50m)), StringComparison.Ordinal);
        Assert.Contains("\"value\":79228162514264337593543950335,", EventLogJson.SerializeLine(new ImpactRecorded(T0, "b", "m", decimal.MaxValue)), StringComparison.Ordinal);
        Assert.Contains("\"value\":0.0000000000000000000000000001,", EventLogJson.SerializeLine(new ImpactRecorded(T0, "b", "m", 1e-28m)), StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeLine_InstantWithFraction_WritesFractionOnlyWhenNonZero()
    {
        var line = EventLogJson.SerializeLine(new Acknowledged(T0 + Duration.FromNanoseconds(123_400), "a"));
        Assert.Equal("""{"type":"acknowledged","at":"2026-05-29T14:00:00.0001234Z","by":"a"}""", line);
    }

    [Fact]
    public void SerializeLine_NonAsciiAndEmoji_NonAsciiReadableEmojiEscaped()
    {
        var line = EventLogJson.SerializeLine(new NoteAdded(T0, "jürgen", "Zahlung fehlgeschlagen – €47K 😀 <b>&"));
        Assert.Equal("""{"type":"noteAdded","at":"2026-05-29T14:00:00Z","by":"jürgen","text":"Zahlung fehlgeschlagen – €47K \uD83D\uDE00 <b>&"}""", line);
    }

    [Fact]
    public void SerializeLine_ControlCharactersAndLineSeparators_NeverBreakTheLine()
    {
        var line = EventLogJson.SerializeLine(new NoteAdded(T0, "a", "a\r\nb\u2028c\u0001"));
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain('\u2028', line);
        Assert.Equal(new NoteAdded(T0, "a", "a\r\nb\u2028c\u0001"), Assert.Single(EventLogJson.Parse(line).Events));
    }

    [Fact]
    public void SerializeLine_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => EventLogJson.SerializeLine(null!));

    private sealed record Foreign(Instant At, string By) : IncidentEvent(At, By)
    {
        public override CommandKind Kind => CommandKind.AddNote;

        public override string Type => "foreign";
    }

    [Fact]
    public void SerializeLine_ForeignEventType_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => EventLogJson.SerializeLine(new Foreign(T0, "a")));
        Assert.StartsWith("Foreign is not an event type of the log", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeLine_UndefinedEnumValue_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EventLogJson.SerializeLine(new StatusUpdatePosted(T0, "a", (StatusAudience)7, "m")));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void SerializeDocument_BlankIncidentId_Throws(string id) =>
        Assert.Throws<ArgumentException>(() => EventLogJson.SerializeDocument(id, Checkout));

    [Fact]
    public void SerializeLines_NullEvent_Throws() =>
        Assert.Throws<ArgumentNullException>(() => EventLogJson.SerializeLines([Checkout[0], null!]));

    // ---- Reading: good logs ----

    [Fact]
    public void Read_EmptyOrBlankText_IsAnEmptyLog()
    {
        foreach (var text in new[] { "", "\n", "  \r\n\t\n" })
        {
            var result = Read(text);
            Assert.True(result.Succeeded);
            Assert.Empty(result.Contents.Events);
            Assert.Null(result.Contents.IncidentId);
        }
    }

    [Fact]
    public void Read_JsonLinesWithBlankLinesCrLfAndNoFinalNewline_ReadsAll()
    {
        var lines = Checkout.Select(EventLogJson.SerializeLine).ToArray();
        var text = "\n" + lines[0] + "\r\n   \r\n" + lines[1] + "\n\t\n" + lines[2];
        Assert.Equal(Checkout, EventLogJson.Parse(text).Events);
    }

    [Fact]
    public void Read_Document_ReadsIncidentAndEvents()
    {
        var result = EventLogJson.Parse(EventLogJson.SerializeDocument("INC-7", Checkout));
        Assert.Equal("INC-7", result.IncidentId);
        Assert.Equal(Checkout, result.Events);
    }

    [Fact]
    public void Read_CompactOneLineDocumentInAnyKeyOrder_IsADocument()
    {
        var text = """{"events":[{"type":"acknowledged","at":"2026-05-29T14:02Z","by":"alice"}],"incident":"INC-7","formatVersion":1}""";
        var result = EventLogJson.Parse(text);
        Assert.Equal("INC-7", result.IncidentId);
        Assert.Equal([new Acknowledged(At(2), "alice")], result.Events);
    }

    [Fact]
    public void Read_DocumentWithByteOrderMark_IgnoresIt() =>
        Assert.Equal(Checkout, EventLogJson.Parse("\uFEFF" + EventLogJson.SerializeDocument("INC-7", Checkout)).Events);

    [Theory]
    [InlineData("2026-05-29T14:00Z", 0)]
    [InlineData("2026-05-29T14:00:00Z", 0)]
    [InlineData("2026-05-29T14:00:00.5Z", 500_000_000)]
    [InlineData("2026-05-29T14:00:00.000000001Z", 1)]
    public void Read_InstantsWithOrWithoutSecondsOrFraction_AreRead(string at, long nanoseconds)
    {
        var result = EventLogJson.Parse($$"""{"type":"acknowledged","at":"{{at}}","by":"alice"}""");
        Assert.Equal(T0 + Duration.FromNanoseconds(nanoseconds), result.Events[0].At);
    }

    [Fact]
    public void Read_OptionalFieldsAbsentOrNull_AreNull()
    {
        var text = """
            {"type":"alertFired","at":"2026-05-29T14:00Z","by":"m","summary":"s"}
            {"type":"alertFired","at":"2026-05-29T14:00Z","by":"m","summary":"s","service":null,"severity":null,"policyHash":null}
            {"type":"resolved","at":"2026-05-29T14:00Z","by":"m"}
            {"type":"impactRecorded","at":"2026-05-29T14:00Z","by":"m","metric":"x","value":1}
            """;
        Assert.Equal(
            [new AlertFired(T0, "m", "s"), new AlertFired(T0, "m", "s"), new Resolved(T0, "m"), new ImpactRecorded(T0, "m", "x", 1m)],
            EventLogJson.Parse(text).Events);
    }

    [Fact]
    public void Read_EqualInstants_KeepLogOrder()
    {
        IncidentEvent[] events = [new NoteAdded(T0, "a", "first"), new NoteAdded(T0, "a", "second"), new NoteAdded(T0, "a", "third")];
        Assert.Equal(events, EventLogJson.Parse(EventLogJson.SerializeLines(events)).Events);
        Assert.Equal(events.Reverse(), EventLogJson.Parse(EventLogJson.SerializeLines(events.Reverse())).Events);
    }

    [Theory]
    [InlineData("47000", "47000")]
    [InlineData("0.1", "0.1")]
    [InlineData("2.50", "2.50")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("4.7e4", "47000")]
    [InlineData("1E-3", "0.001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    public void Read_ImpactValue_IsReadExactlyAsDecimal(string json, string expected)
    {
        var read = (ImpactRecorded)EventLogJson.Parse($$"""{"type":"impactRecorded","at":"2026-05-29T14:00Z","by":"m","metric":"x","value":{{json}},"unit":null}""").Events[0];
        Assert.Equal(decimal.Parse(expected, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture), read.Value);
    }

    // ---- Reading: bad events in JSON Lines ----

    [Fact]
    public void Read_MalformedLine_ReportsLineAndKeepsEventsBefore()
    {
        var (error, events) = Bad(AfterTwoGoodLines("""{"type":"closed","at":"""));
        Assert.Equal(2, error.Index);
        Assert.Equal(4, error.Line);
        Assert.Null(error.Path);
        Assert.StartsWith("malformed JSON at column ", error.Reason, StringComparison.Ordinal);
        Assert.Equal(Checkout[..2], events);
    }

    [Fact]
    public void Read_MalformedLineBeforeGoodOnes_StopsThere()
    {
        var text = EventLogJson.SerializeLine(Checkout[0]) + "\n{oops}\n" + EventLogJson.SerializeLine(Checkout[1]) + "\n";
        var (error, events) = Bad(text);
        Assert.Equal((1, 2), (error.Index, error.Line));
        Assert.Equal([Checkout[0]], events);
    }

    [Fact]
    public void Read_UnknownType_ReportsTypeAndKnownTypes()
    {
        var (error, _) = Bad(AfterTwoGoodLines("""{"type":"exploded","at":"2026-05-29T14:05Z","by":"a"}"""));
        AssertError(error, 2, 4, "$.type", error.Reason);
        Assert.StartsWith("'exploded' is not an event type; the types are alertFired, acknowledged, declared,", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith("notificationSent, reminderSent, channelCreated, alertJoined, alertCleared, policyAdopted", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"at":"2026-05-29T14:05Z","by":"a"}""", "$.type", "type is required: one of ")]
    [InlineData("""{"type":7,"at":"2026-05-29T14:05Z","by":"a"}""", "$.type", "type must be a string, not a number")]
    [InlineData("""{"type":"Closed","at":"2026-05-29T14:05Z","by":"a"}""", "$.type", "'Closed' is not an event type; ")]
    public void Read_BadType_ReportsIt(string line, string path, string reasonStart)
    {
        var (error, _) = Bad(AfterTwoGoodLines(line));
        AssertError(error, 2, 4, path, error.Reason);
        Assert.StartsWith(reasonStart, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    // Unknown field, before anything else is checked.
    [InlineData("""{"type":"closed","at":"2026-05-29T14:05Z","by":"a","colour":"red"}""", "$.colour", "unknown field 'colour'; closed events have only type, at and by")]
    [InlineData(Head + ""","severity":"SEV-1","tilte":"x"}""", "$.tilte", "unknown field 'tilte'; declared events have type, at, by, severity, title")]
    [InlineData("""{"type":"closed","at":"2026-05-29T14:05Z","by":"a","Type":"closed"}""", "$.Type", "unknown field 'Type'; closed events have only type, at and by")]
    // Missing, null, wrong JSON type, blank.
    [InlineData(Head + ""","severity":"SEV-1"}""", "$.title", "title is required")]
    [InlineData(Head + ""","severity":"SEV-1","title":null}""", "$.title", "title is required and may not be null")]
    [InlineData(Head + ""","severity":"SEV-1","title":5}""", "$.title", "title must be a string, not a number")]
    [InlineData(Head + ""","severity":["SEV-1"],"title":"x"}""", "$.severity", "severity must be a string, not a list")]
    [InlineData(Head + ""","severity":"SEV-1","title":" \t"}""", "$.title", "title may not be blank")]
    [InlineData("""{"type":"resolved","at":"2026-05-29T14:05Z","by":"a","summary":true}""", "$.summary", "summary must be a string or null, not a boolean")]
    [InlineData("""{"type":"closed","at":"2026-05-29T14:05Z"}""", "$.by", "by is required")]
    [InlineData("""{"type":"closed","at":"2026-05-29T14:05Z","by":"  "}""", "$.by", "by may not be blank")]
    [InlineData("""{"type":"closed","at":"2026-05-29T14:05Z","by":""}""", "$.by", "by may not be blank")]
    [InlineData("""{"type":"closed","at":"2026-05-29T14:05Z","by":{"id":"a"}}""", "$.by", "by must be a string, not an object")]
    // Instants.
    [InlineData("""{"type":"closed","by":"a"}""", "$.at", "at is required: an instant like 2026-05-30T15:00:00Z")]
    [InlineData("""{"type":"closed","at":1780063500,"by":"a"}""", "$.at", "at must be a string, an instant like 2026-05-30T15:00:00Z; not a number")]
    [InlineData("""{"type":"closed","at":"2026-05-29T16:05:00+02:00","by":"a"}""", "$.at", "'2026-05-29T16:05:00+02:00' is not a UTC instant; write ISO 8601 UTC ending in Z, like 2026-05-30T15:00:00Z")]
    [InlineData("""{"type":"closed","at":"2026-02-30T14:05:00Z","by":"a"}""", "$.at", "'2026-02-30T14:05:00Z' is not an instant; write ISO 8601 UTC like 2026-05-30T15:00Z or 2026-05-30T15:00:00.5Z")]
    [InlineData("""{"type":"postMortemScheduled","at":"2026-05-29T14:05Z","by":"a","for":"tomorrow"}""", "$.for", "'tomorrow' is not a UTC instant; write ISO 8601 UTC ending in Z, like 2026-05-30T15:00:00Z")]
    // Dates.
    [InlineData("""{"type":"actionItemAdded","at":"2026-05-29T14:05Z","by":"a","id":"AI-1","action":"x","owner":"d","due":"2026-02-30"}""", "$.due", "'2026-02-30' is not a real date")]
    [InlineData("""{"type":"actionItemAdded","at":"2026-05-29T14:05Z","by":"a","id":"AI-1","action":"x","owner":"d","due":"05/06/2026"}""", "$.due", "'05/06/2026' is not a date; write yyyy-MM-dd like 2026-12-25")]
    [InlineData("""{"type":"actionItemAdded","at":"2026-05-29T14:05Z","by":"a","id":"AI-1","action":"x","owner":"d","due":"2026-06-05T00:00Z"}""", "$.due", "'2026-06-05T00:00Z' is not a date; write yyyy-MM-dd like 2026-12-25")]
    [InlineData("""{"type":"actionItemAdded","at":"2026-05-29T14:05Z","by":"a","id":"AI-1","action":"x","owner":"d"}""", "$.due", "due is required: a date like 2026-06-05")]
    // Enums.
    [InlineData("""{"type":"statusUpdatePosted","at":"2026-05-29T14:05Z","by":"a","audience":"Internal","message":"m"}""", "$.audience", "'Internal' is not an audience; write internal or external")]
    [InlineData("""{"type":"statusUpdatePosted","at":"2026-05-29T14:05Z","by":"a","audience":1,"message":"m"}""", "$.audience", "audience must be a string, internal or external; not a number")]
    [InlineData("""{"type":"statusUpdatePosted","at":"2026-05-29T14:05Z","by":"a","message":"m"}""", "$.audience", "audience is required: internal or external")]
    [InlineData("""{"type":"actionItemStatusChanged","at":"2026-05-29T14:05Z","by":"a","id":"AI-1","status":"cancelled"}""", "$.status", "'cancelled' is not an action item status; write open, inProgress, done or wontDo")]
    [InlineData("""{"type":"actionItemStatusChanged","at":"2026-05-29T14:05Z","by":"a","id":"AI-1","status":"in_progress"}""", "$.status", "'in_progress' is not an action item status; write open, inProgress, done or wontDo")]
    // Decimals.
    [InlineData("""{"type":"impactRecorded","at":"2026-05-29T14:05Z","by":"a","metric":"m","value":"47000"}""", "$.value", "value must be a number, not a string")]
    [InlineData("""{"type":"impactRecorded","at":"2026-05-29T14:05Z","by":"a","metric":"m"}""", "$.value", "value is required: a number")]
    [InlineData("""{"type":"impactRecorded","at":"2026-05-29T14:05Z","by":"a","metric":"m","value":null}""", "$.value", "value is required: a number")]
    [InlineData("""{"type":"impactRecorded","at":"2026-05-29T14:05Z","by":"a","metric":"m","value":1e400}""", "$.value", "1e400 cannot be held exactly as a decimal, which keeps 28 to 29 significant digits and stays below 7.9e28")]
    [InlineData("""{"type":"impactRecorded","at":"2026-05-29T14:05Z","by":"a","metric":"m","value":1.00000000000000000000000000001}""", "$.value", "1.00000000000000000000000000001 cannot be held exactly as a decimal, which keeps 28 to 29 significant digits and stays below 7.9e28")]
    // Shape.
    [InlineData("""[{"type":"closed","at":"2026-05-29T14:05Z","by":"a"}]""", "$", "an event must be a JSON object, not a list")]
    [InlineData("\"closed\"", "$", "an event must be a JSON object, not a string")]
    [InlineData("""{"type":"closed","at":"2026-05-29T14:05Z","by":"a","by":"b"}""", "$.by", "duplicate key 'by'; each key may appear once")]
    [InlineData("""{"type":"closed","type":"closed","at":"2026-05-29T14:05Z","by":"a"}""", "$.type", "duplicate key 'type'; each key may appear once")]
    [InlineData("""{"type":"closed","at":"2026-05-29T14:05Z","by":"\ud800"}""", "$", "the event contains text that is not valid Unicode: a lone surrogate escape such as \\ud800")]
    [InlineData("""{"type":"closed","at":"2026-05-29T14:05Z","by":"a","odd key":1}""", "$['odd key']", "unknown field 'odd key'; closed events have only type, at and by")]
    public void Read_BadEvent_ReportsIndexLinePathAndReason(string line, string path, string reason) =>
        AssertBadThirdEvent(line, path, reason);

    [Fact]
    public void Read_TimeGoingBackwards_ReportsTheLaterLine()
    {
        var (error, events) = Bad(AfterTwoGoodLines("""{"type":"declared","at":"2026-05-29T14:01:59.5Z","by":"alice","severity":"SEV-1","title":"x"}"""));
        AssertError(error, 2, 4, "$.at",
            "2026-05-29T14:01:59.5Z is before the previous event's 2026-05-29T14:02:00Z; time may not go backwards in an event log");
        Assert.Equal(Checkout[..2], events);
    }

    [Fact]
    public void Read_LineNestedTooDeep_ReportsDepth()
    {
        var deep = """{"type":"noteAdded","at":"2026-05-29T14:05Z","by":"a","text":""" + new string('[', 70) + new string(']', 70) + "}";
        var (error, _) = Bad(AfterTwoGoodLines(deep));
        Assert.Equal((2, 4, (string?)null), (error.Index, error.Line, error.Path));
        Assert.StartsWith("the JSON is nested deeper than 64 levels at column ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LineNestedToTheLimit_IsAWrongTypeNotADepthError()
    {
        var deep = """{"type":"noteAdded","at":"2026-05-29T14:05Z","by":"a","text":""" + new string('[', 63) + new string(']', 63) + "}";
        var (error, _) = Bad(deep);
        AssertError(error, 0, 1, "$.text", "text must be a string, not a list");
    }

    [Fact]
    public void Read_LoneSurrogateCharacterInLine_ReportsIt()
    {
        var (error, events) = Bad(EventLogJson.SerializeLine(Checkout[0]) + "\n" + """{"type":"closed","at":"2026-05-29T14:05Z","by":"a""" + "\ud800\"}");
        AssertError(error, 1, 2, null, "the text is not valid Unicode: it contains a lone surrogate character");
        Assert.Single(events);
    }

    [Fact]
    public void Read_FirstLineNotAnObject_IsJsonLinesErrorAtEventZero()
    {
        var (error, events) = Bad("[1, 2]\n");
        AssertError(error, 0, 1, "$", "an event must be a JSON object, not a list");
        Assert.Empty(events);
    }

    [Fact]
    public void Read_TooLarge_IsRejectedAsAWhole()
    {
        var line = EventLogJson.SerializeLine(new NoteAdded(T0, "a", new string('x', 1000))) + "\n";
        var text = string.Concat(Enumerable.Repeat(line, (EventLogJson.MaxDocumentBytes / line.Length) + 1));
        var (error, events) = Bad(text);
        AssertError(error, -1, null, "$", "the event log is larger than 16 MiB");
        Assert.Empty(events);
    }

    [Fact]
    public void Read_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => EventLogJson.TryParse(null!, out _, out _));
        Assert.Throws<ArgumentNullException>(() => EventLogJson.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => EventLogJson.TryLoad(null!, out _, out _));
    }

    // ---- A torn last line, as after a crash while appending ----

    [Fact]
    public void Read_LogCutAtEveryByteOfItsLastLine_KeepsEventsBeforeAndReportsTheTornLine()
    {
        IncidentEvent[] events =
        [
            .. Checkout,
            new ImpactRecorded(At(9), "bob", "revenueLoss", 47000.25m, "USD"),
            new NoteAdded(At(10), "jürgen", "Zahlung fehlgeschlagen – €47K 😀 \"quoted\"\nnext"),
        ];
        var bytes = Encoding.UTF8.GetBytes(EventLogJson.SerializeLines(events));
        var lastLineStart = Encoding.UTF8.GetByteCount(EventLogJson.SerializeLines(events[..^1]));
        for (var cut = lastLineStart; cut <= bytes.Length; cut++)
        {
            var text = Encoding.UTF8.GetString(bytes, 0, cut);
            var result = Read(text);
            if (cut == lastLineStart)
            {
                Assert.True(result.Succeeded);
                Assert.Equal(events[..^1], result.Contents.Events);
            }
            else if (cut >= bytes.Length - 1)
            {
                Assert.True(result.Succeeded, $"cut at {cut}: {result.Error}");
                Assert.Equal(events, result.Contents.Events);
            }
            else
            {
                Assert.False(result.Succeeded, $"cut at {cut} read as whole");
                Assert.Equal((4, 5, (string?)null), (result.Error!.Index, result.Error.Line, result.Error.Path));
                Assert.StartsWith("malformed JSON at column ", result.Error.Reason, StringComparison.Ordinal);
                Assert.Equal(events[..^1], result.Contents.Events);
            }
        }
    }

    [Fact]
    public void Read_SingleTornLine_IsATornEventNotADocument()
    {
        var line = EventLogJson.SerializeLine(Checkout[2]);
        for (var cut = 1; cut < line.Length; cut++)
        {
            var result = Read(line[..cut]);
            Assert.Equal((0, 1), (result.Error!.Index, result.Error.Line));
            Assert.Empty(result.Contents.Events);
        }
    }

    // ---- Documents ----

    private static string Document(string body) => "{\n" + body + "\n}";

    private const string GoodEvents = """
          "events": [
            {"type": "acknowledged", "at": "2026-05-29T14:02:00Z", "by": "alice"}
          ]
        """;

    [Theory]
    [InlineData("\"incident\": \"INC-1\",\n" + GoodEvents, "$.formatVersion", "formatVersion is required; this library reads format version 1")]
    [InlineData("\"formatVersion\": 2, \"incident\": \"INC-1\",\n" + GoodEvents, "$.formatVersion", "format version 2 is not supported; this library reads format version 1")]
    [InlineData("\"formatVersion\": \"1\", \"incident\": \"INC-1\",\n" + GoodEvents, "$.formatVersion", "formatVersion must be the number 1")]
    [InlineData("\"formatVersion\": 1.5, \"incident\": \"INC-1\",\n" + GoodEvents, "$.formatVersion", "formatVersion must be the number 1")]
    [InlineData("\"formatVersion\": 1,\n" + GoodEvents, "$.incident", "incident is required: the incident's id")]
    [InlineData("\"formatVersion\": 1, \"incident\": \" \",\n" + GoodEvents, "$.incident", "incident may not be blank")]
    [InlineData("\"formatVersion\": 1, \"incident\": 42,\n" + GoodEvents, "$.incident", "incident must be a string, the incident's id; not a number")]
    [InlineData("\"formatVersion\": 1, \"incident\": \"INC-1\"", "$.events", "events is required: a list of event objects")]
    [InlineData("\"formatVersion\": 1, \"incident\": \"INC-1\", \"events\": {}", "$.events", "events must be a list of event objects, not an object")]
    [InlineData("\"formatVersion\": 1, \"incident\": \"INC-1\", \"events\": null", "$.events", "events must be a list of event objects, not null")]
    [InlineData("\"formatVersion\": 1, \"incident\": \"INC-1\", \"severity\": \"SEV-1\",\n" + GoodEvents, "$.severity", "unknown key 'severity'; an event log document has formatVersion, incident and events")]
    [InlineData("\"formatVersion\": 1, \"incident\": \"INC-1\",\n" + GoodEvents + ",\n\"policy\": {}", "$.policy", "unknown key 'policy'; an event log document has formatVersion, incident and events")]
    [InlineData("\"formatVersion\": 1, \"formatVersion\": 1, \"incident\": \"INC-1\",\n" + GoodEvents, "$.formatVersion", "duplicate key 'formatVersion'; each key may appear once")]
    public void Read_DocumentLevelProblem_IsIndexMinusOneWithNoEvents(string body, string path, string reason)
    {
        var (error, events) = Bad(Document(body));
        AssertError(error, -1, null, path, reason);
        Assert.Empty(events);
    }

    [Fact]
    public void Read_DocumentWithBadEvent_ReportsItsIndexLineAndPath()
    {
        var text = EventLogJson.SerializeDocument("INC-7", Checkout).Replace("\"title\": \"Checkout errors\"", "\"title\": \"\"", StringComparison.Ordinal);
        var (error, events) = Bad(text);
        var line = text.Split('\n').ToList().FindIndex(l => l.Contains("\"declared\"", StringComparison.Ordinal));
        AssertError(error, 2, line, "$.events[2].title", "title may not be blank");
        Assert.Equal(Checkout[..2], events);
        Assert.Equal("INC-7", Read(text).Contents.IncidentId);
    }

    [Fact]
    public void Read_DocumentTimeGoingBackwards_ReportsEventPath()
    {
        IncidentEvent[] events = [Checkout[1], Checkout[0]];
        var (error, kept) = Bad(EventLogJson.SerializeDocument("INC-7", events));
        AssertError(error, 1, 10, "$.events[1].at",
            "2026-05-29T14:00:00Z is before the previous event's 2026-05-29T14:02:00Z; time may not go backwards in an event log");
        Assert.Equal([Checkout[1]], kept);
    }

    [Fact]
    public void Read_DocumentCutInsideItsEvents_KeepsWholeEventsBeforeTheCut()
    {
        var text = EventLogJson.SerializeDocument("INC-7", Checkout);
        var cut = text.IndexOf("\"declared\"", StringComparison.Ordinal);
        var (error, events) = Bad(text[..cut]);
        Assert.Equal(2, error.Index);
        Assert.Null(error.Path);
        Assert.StartsWith("malformed JSON at line ", error.Reason, StringComparison.Ordinal);
        Assert.Equal(Checkout[..2], events);
        Assert.Equal("INC-7", Read(text[..cut]).Contents.IncidentId);
    }

    [Fact]
    public void Read_DocumentWithUnknownEventField_ReportsDocumentPath()
    {
        var text = Document("\"formatVersion\": 1, \"incident\": \"INC-1\", \"events\": [\n"
            + "{\"type\": \"acknowledged\", \"at\": \"2026-05-29T14:02:00Z\", \"by\": \"alice\", \"note\": \"x\"}]");
        var (error, _) = Bad(text);
        AssertError(error, 0, 3, "$.events[0].note", "unknown field 'note'; acknowledged events have only type, at and by");
    }

    [Fact]
    public void Read_DocumentWithTrailingText_IsASyntaxErrorOfTheDocument()
    {
        var (error, events) = Bad(EventLogJson.SerializeDocument("INC-7", Checkout) + "\n{}");
        Assert.Equal((-1, (string?)null), (error.Index, error.Path));
        Assert.StartsWith("malformed JSON at line ", error.Reason, StringComparison.Ordinal);
        Assert.Empty(events);
    }

    [Fact]
    public void Read_DocumentNestedTooDeep_ReportsDepthForTheEvent()
    {
        var text = Document("\"formatVersion\": 1, \"incident\": \"INC-1\", \"events\": [\n"
            + "{\"type\": \"acknowledged\", \"at\": \"2026-05-29T14:02:00Z\", \"by\": \"alice\"},\n"
            + "{\"type\": \"noteAdded\", \"at\": \"2026-05-29T14:02:00Z\", \"by\": \"alice\", \"text\": " + new string('[', 70) + new string(']', 70) + "}]");
        var (error, events) = Bad(text);
        Assert.Equal((1, 4, (string?)null), (error.Index, error.Line, error.Path));
        Assert.StartsWith("the JSON is nested deeper than 64 levels at line 4", error.Reason, StringComparison.Ordinal);
        Assert.Single(events);
    }

    [Fact]
    public void Read_DocumentMalformedBeforeEvents_IsIndexMinusOne()
    {
        var (error, events) = Bad("{\n  \"formatVersion\": 1,\n  \"incident\": INC-1\n}");
        Assert.Equal((-1, 3, (string?)null), (error.Index, error.Line, error.Path));
        Assert.StartsWith("malformed JSON at line 3, column ", error.Reason, StringComparison.Ordinal);
        Assert.Empty(events);
    }

    // ---- Files ----

    [Fact]
    public void Load_MissingFile_ThrowsEventLogExceptionNotIOException()
    {
        var path = Path.Combine(Path.GetTempPath(), "incident-policy-tests", Guid.NewGuid().ToString("N"), "missing.jsonl");
        var ex = Assert.Throws<EventLogException>(() => EventLogJson.Load(path));
        AssertError(Assert.Single(ex.Errors), -1, null, null, $"event log file '{path}' does not exist");
        Assert.False(EventLogJson.TryLoad(path, out var contents, out var errors));
        Assert.Equal(ex.Errors, errors);
        Assert.Empty(contents.Events);
    }

    [Fact]
    public void Load_Directory_ThrowsEventLogException()
    {
        var ex = Assert.Throws<EventLogException>(() => EventLogJson.Load(Path.GetTempPath()));
        Assert.Equal(-1, Assert.Single(ex.Errors).Index);
    }

    [Fact]
    public void Load_FilesInBothForms_ReadsThem()
    {
        var directory = Directory.CreateTempSubdirectory("incident-policy-tests");
        try
        {
            var lines = Path.Combine(directory.FullName, "log.jsonl");
            var document = Path.Combine(directory.FullName, "log.json");
            File.WriteAllText(lines, EventLogJson.SerializeLines(Checkout), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.WriteAllText(document, EventLogJson.SerializeDocument("INC-7", Checkout), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            Assert.Equal(Checkout, EventLogJson.Load(lines).Events);
            Assert.Equal(Checkout, EventLogJson.Load(document).Events);
            Assert.Equal("INC-7", EventLogJson.Load(document).IncidentId);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_TornFile_ThrowsWithEventsBefore()
    {
        var directory = Directory.CreateTempSubdirectory("incident-policy-tests");
        try
        {
            var path = Path.Combine(directory.FullName, "log.jsonl");
            File.WriteAllText(path, EventLogJson.SerializeLines(Checkout) + """{"type":"closed","at":"2026""");
            var ex = Assert.Throws<EventLogException>(() => EventLogJson.Load(path));
            Assert.Equal((3, 4), (ex.Errors[0].Index, ex.Errors[0].Line));
            Assert.Equal(Checkout, ex.Contents.Events);
            Assert.False(EventLogJson.TryLoad(path, out var contents, out _));
            Assert.Equal(Checkout, contents.Events);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // ---- Errors as values ----

    [Theory]
    [InlineData(3, 4, "$.at", "event 3 (line 4) at $.at: why")]
    [InlineData(2, null, "$.events[2].at", "event 2 at $.events[2].at: why")]
    [InlineData(-1, null, "$.formatVersion", "the log at $.formatVersion: why")]
    [InlineData(0, 1, null, "event 0 (line 1): why")]
    public void EventLogError_ToString_SaysWhereThenWhy(int index, int? line, string? path, string expected) =>
        Assert.Equal(expected, new EventLogError(index, line, path, "why").ToString());

    [Fact]
    public void EventLogException_WithoutErrors_Throws() =>
        Assert.Throws<ArgumentException>(() => new EventLogException([], EventLogJson.Parse("")));

    [Fact]
    public void EventLogException_WithSeveralErrors_ListsThemAll()
    {
        var ex = new EventLogException([new EventLogError(0, 1, "$.at", "one"), new EventLogError(1, 2, null, "two")], EventLogJson.Parse(""));
        Assert.Equal("The event log is invalid: event 0 (line 1) at $.at: one; event 1 (line 2): two", ex.Message);
        Assert.Equal(2, ex.Errors.Count);
    }

    [Fact]
    public void TryLoad_DocumentFile_ReadsItWithoutErrors()
    {
        var directory = Directory.CreateTempSubdirectory("incident-policy-tests");
        try
        {
            var path = Path.Combine(directory.FullName, "log.json");
            File.WriteAllText(path, EventLogJson.SerializeDocument("INC-7", Checkout));
            Assert.True(EventLogJson.TryLoad(path, out var contents, out var errors));
            Assert.Empty(errors);
            Assert.Equal("INC-7", contents.IncidentId);
            Assert.Equal(Checkout, contents.Events);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
