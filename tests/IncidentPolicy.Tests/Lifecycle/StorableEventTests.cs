using System.Text;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;
using IncidentPolicy.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Tests.Lifecycle;

/// <summary>
/// Whatever <see cref="Incident.Apply"/> accepts, the event log writes and reads back identical: what it could not
/// is refused at the boundary with <see cref="RuleIds.Storable"/>, naming the field. Each case here was accepted once,
/// written, and then lost or changed (or locked every later reader out).
/// </summary>
public class StorableEventTests
{
    private static readonly Actor Sarah = new("sarah", ["engineering-manager"]);

    private static Incident Investigating() => IncidentFixture.Investigating();

    private static Rejection Refused(ApplyResult result)
    {
        Assert.NotNull(result.Rejection);
        Assert.Equal(RuleIds.Storable, result.Rejection.RuleId);
        Assert.Equal(RejectionCode.InvalidCommand, result.Rejection.Code);
        return result.Rejection;
    }

    private static ApplyResult Try(Incident incident, IncidentCommand command, Actor? actor = null, Instant? at = null) =>
        incident.Apply(command, actor ?? Sarah, at ?? incident.LastEventAt + Duration.FromMinutes(1), incident.Version);

    [Fact]
    public void Apply_NoteWithAnUnpairedSurrogate_IsRefusedNamingTheNote()
    {
        var rejection = Refused(Try(Investigating(), new AddNote("rollback done \uD83D")));
        Assert.Equal("The note is not valid Unicode: it has an unpaired surrogate U+D83D at position 14.", rejection.Reason);
    }

    [Fact]
    public void Apply_UnitOrActorWithAnUnpairedSurrogate_IsRefused()
    {
        // Not theory data: xunit's serialization of test cases would replace the surrogates before the test saw them.
        foreach (var text in new[] { "\uDE00", "a\uD800b", "\uDE00\uD83D" })
        {
            Refuses(text);
        }
    }

    private static void Refuses(string text)
    {
        Assert.Contains("the unit", Refused(Try(Investigating(), new RecordImpact("revenueLoss", 1, text))).Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("the actor's id", Refused(Try(Investigating(), new AddNote("x"), new Actor(text))).Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Apply_ControlCharacterInAnId_IsRefused_ButLineBreaksInFreeTextAreKept()
    {
        Assert.Equal(
            "The person has the control character U+0007 at position 3; it must be one line of printable text.",
            Refused(Try(Investigating(), new AssignRole("comms-lead", "kim\u0007"))).Reason);
        var accepted = Try(Investigating(), new AddNote("line one\r\nline two\twith a tab"));
        Assert.Null(accepted.Rejection);
        Assert.Equal(accepted.Incident!.Events, EventLogJson.Parse(EventLogJson.SerializeLines(accepted.Incident.Events)).Events);
    }

    [Fact]
    public void Apply_ActionItemDueInYearZero_IsRefused_SoTheLogStaysReadable()
    {
        var resolved = IncidentFixture.Resolved();
        var rejection = Refused(Try(resolved, new AddActionItem("AI-1", "tests", "alex", new LocalDate(0, 1, 1))));
        Assert.Equal("The due date 0000-01-01 is outside the supported range 1900-01-01 to 2200-12-31.", rejection.Reason);
        Assert.Null(Try(resolved, new AddActionItem("AI-1", "tests", "alex", Limits.MaxDate)).Rejection);
    }

    [Fact]
    public void Apply_InstantsOutsideTheSupportedRange_AreRefusedBeforeTheLifecycleSeesThem()
    {
        var incident = Investigating();
        Assert.StartsWith("The command's instant 9999-12-31T23:59:59Z is outside the supported range",
            Refused(Try(incident, new AddNote("x"), at: Instant.FromUtc(9999, 12, 31, 23, 59, 59))).Reason, StringComparison.Ordinal);
        Assert.StartsWith("The post-mortem's date 2201-01-01T00:00:00Z",
            Refused(Try(IncidentFixture.Resolved(), new SchedulePostMortem(Limits.MaxInstant + Duration.Epsilon))).Reason, StringComparison.Ordinal);
        var alert = Incident.Raise(ResponsePolicy.Default, "INC-1", new RaiseAlert("x"), new Actor("monitoring"), Limits.MinInstant - Duration.Epsilon);
        Assert.Equal(RuleIds.Storable, alert.Rejection!.RuleId);
    }

    [Fact]
    public void Apply_TextsPastTheSizeLimits_AreRefused()
    {
        Assert.Contains("65,537 characters long; at most 65,536", Refused(Try(Investigating(), new AddNote(new string('x', Limits.MaxTextLength + 1)))).Reason, StringComparison.Ordinal);
        Assert.Null(Try(Investigating(), new AddNote(new string('x', Limits.MaxTextLength))).Rejection);
        Assert.Contains("at most 256", Refused(Try(Investigating(), new AssignCommander(new string('p', Limits.MaxIdLength + 1)))).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Raise_IncidentIdThatTheLogCannotStore_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => Incident.Raise(ResponsePolicy.Default, "INC-\uD800", new RaiseAlert("x"), new Actor("m"), Instant.FromUtc(2026, 1, 1, 0, 0)));
        Assert.Equal("incidentId", e.ParamName);
    }

    [Fact]
    public void Apply_PastTheLogsSizeLimit_IsRefused_AndEverythingBeforeStillReads()
    {
        var incident = Investigating();
        var note = new AddNote(new string('n', Limits.MaxTextLength));
        ApplyResult result;
        var at = incident.LastEventAt;
        while ((result = incident.Apply(note, Sarah, at += Duration.FromSeconds(1), incident.Version)).Rejection is null)
        {
            incident = result.Incident!;
        }

        Assert.StartsWith("The event would take the incident's log past 15 MiB", Refused(result).Reason, StringComparison.Ordinal);
        var document = EventLogJson.SerializeDocument(incident.Id, incident.Events);
        Assert.True(Encoding.UTF8.GetByteCount(document) <= EventLogJson.MaxDocumentBytes);
        Assert.Equal(incident.Events, EventLogJson.Parse(document).Events);
    }

    [Fact]
    public void Bytes_AreNeverFewerThanTheEventTakesInEitherForm()
    {
        var hostile = new[] { "", "plain", "\u0001\u001F\"\\", "😀日本語ü", "\uFFFF\u2028", new string('\u0000', 40) };
        var at = Instant.FromUtc(2200, 12, 31, 23, 59, 59) + Duration.FromNanoseconds(999_999_999);
        foreach (var text in hostile)
        {
            IncidentEvent[] events =
            [
                new AlertFired(at, text, text, text, text, text), new ActionItemAdded(at, text, text, text, text, Limits.MaxDate),
                new ActionItemStatusChanged(at, text, text, ActionItemStatus.InProgress, text), new ImpactRecorded(at, text, text, decimal.MinValue, text),
                new StatusUpdatePosted(at, text, StatusAudience.External, text), new PostMortemScheduled(at, text, at), new Declined(at, text, null),
            ];
            foreach (var e in events)
            {
                var line = Encoding.UTF8.GetByteCount(EventLogJson.SerializeLine(e)) + 1;
                var inDocument = Encoding.UTF8.GetByteCount(EventLogJson.SerializeDocument("x", [e, e])) - Encoding.UTF8.GetByteCount(EventLogJson.SerializeDocument("x", [e]));
                Assert.True(StorableEvent.Bytes(e) >= Math.Max(line, inDocument), $"{e.Type} with {text.Length} chars: counted {StorableEvent.Bytes(e)}, written {line} / {inDocument}");
            }
        }
    }
}
