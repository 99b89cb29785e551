using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;
using IncidentPolicy.Testing;

namespace IncidentPolicy.Tests.Serialization;

public class EventLogJsonPropertyTests
{
    [Fact]
    public void Generators_CoverEveryEventType() => Assert.Equal(27, IncidentGen.EventTypeCount);

    [Property(MaxTest = 300)]
    public Property SerializeLines_ThenRead_RoundTrips() =>
        Prop.ForAll(IncidentGen.EventLogs.ToArbitrary(), events =>
        {
            var read = EventLogJson.TryParse(EventLogJson.SerializeLines(events), out var contents, out var errors);
            return read && errors.Count == 0 && contents.IncidentId is null && contents.Events.SequenceEqual(events);
        });

    [Property(MaxTest = 300)]
    public Property SerializeDocument_ThenRead_RoundTrips() =>
        Prop.ForAll(IncidentGen.IncidentIds.ToArbitrary(), IncidentGen.EventLogs.ToArbitrary(), (id, events) =>
        {
            var read = EventLogJson.TryParse(EventLogJson.SerializeDocument(id, events), out var contents, out var errors);
            return read && errors.Count == 0 && contents.IncidentId == id && contents.Events.SequenceEqual(events);
        });

    [Property(MaxTest = 200)]
    public Property SerializeLine_IsOneLineWithoutLineBreaks() =>
        Prop.ForAll(IncidentGen.EventLogs.ToArbitrary(), events =>
            events.All(e => EventLogJson.SerializeLine(e) is var line && !line.Contains('\n') && !line.Contains('\r')));

    [Property(MaxTest = 200)]
    public Property Read_SerializedAgain_GivesTheSameText() =>
        Prop.ForAll(IncidentGen.EventLogs.ToArbitrary(), events =>
        {
            var text = EventLogJson.SerializeLines(events);
            return EventLogJson.SerializeLines(EventLogJson.Parse(text).Events) == text;
        });

    // A crash can leave any prefix of the log: reading it keeps every whole line and never throws.
    [Property(MaxTest = 300)]
    public Property Read_AnyPrefixOfALog_KeepsTheWholeLinesBeforeTheCut() =>
        Prop.ForAll(IncidentGen.EventLogs.Where(l => l.Count > 0).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (events, seed) =>
        {
            var text = EventLogJson.SerializeLines(events);
            var cut = seed % (text.Length + 1);
            var lineEnds = text.Select((c, i) => (c, i)).Where(p => p.c == '\n').Select(p => p.i).ToList();
            var whole = lineEnds.Count(end => end <= cut);
            var wholeStart = whole == 0 ? 0 : lineEnds[whole - 1] + 1;
            var torn = whole < events.Count && cut > wholeStart;
            var read = EventLogJson.TryParse(text[..cut], out var contents, out var errors);
            return torn
                ? !read && errors is [{ Path: null } error] && error.Index == whole && error.Line == whole + 1
                    && contents.Events.SequenceEqual(events.Take(whole))
                : read && errors.Count == 0 && contents.Events.SequenceEqual(events.Take(whole));
        });

    // Small edits of valid logs in both forms: deleting, duplicating or replacing a span with JSON-ish debris.
    private static readonly string[] Debris =
        ["", "null", "-", "0", "\"", "{", "}", "[", "]", ",", ":", "\n", "\r\n", "true", "1e999", "\\ud800", "\ud800", "\"x\": 1,", "\"type\":", "Z", "2026-02-30"];

    private static readonly Gen<string> EditedLogs =
        from events in IncidentGen.EventLogs
        from document in Gen.Elements(true, false)
        let text = document ? EventLogJson.SerializeDocument("INC-1", events) : EventLogJson.SerializeLines(events)
        from edits in Gen.Choose(1, 3)
        from spans in Gen.ArrayOf(
            from start in Gen.Choose(0, Math.Max(0, text.Length - 1))
            from length in Gen.Choose(0, 12)
            from debris in Gen.Elements(Debris)
            select (start, length, debris),
            edits)
        select spans.OrderByDescending(s => s.start).Aggregate(text, (log, edit) =>
        {
            var start = Math.Min(edit.start, log.Length);
            return log.Remove(start, Math.Min(edit.length, log.Length - start)).Insert(start, edit.debris);
        });

    [Property(MaxTest = 500)]
    public Property Read_EditedLog_NeverThrows_AndAnswersEventsOrAnError() =>
        Prop.ForAll(EditedLogs.ToArbitrary(), text =>
        {
            var read = EventLogJson.TryParse(text, out var contents, out var errors);
            var events = contents.Events;
            var orderly = events.Zip(events.Skip(1)).All(pair => pair.First.At <= pair.Second.At);
            return orderly && (read ? errors.Count == 0 : errors is [var error] && error.Reason.Length > 0 && error.Index >= -1
                && (error.Index == -1 ? events.Count == 0 : events.Count == error.Index));
        });
}
