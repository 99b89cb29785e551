using System.Text;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;
using IncidentPolicy.Tests.Support;

namespace IncidentPolicy.Tests.Serialization;

/// <summary>
/// The format on disk does not change: committed format-version-1 logs, written by the writer before the event catalogue
/// drove it (<c>Golden/every-event-type.v1.*</c>: every event type, optional fields present and null, tricky text,
/// decimals and fractions of a second; the events issue 17 added to format version 1 appended at the end), read and
/// re-write byte for byte.
/// </summary>
public class EventLogGoldenTests
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static byte[] Bytes(params string[] parts) => File.ReadAllBytes(RepositoryRoot.File(parts));

    private static byte[] Golden(string name) => Bytes("tests", "IncidentPolicy.Tests", "Serialization", "Golden", name);

    [Fact]
    public void GoldenDocument_ReadAndWrittenAgain_IsByteIdentical()
    {
        var bytes = Golden("every-event-type.v1.json");
        var contents = EventLogJson.Parse(Utf8.GetString(bytes));
        Assert.Equal("INC-2026-05-29-golden", contents.IncidentId);
        Assert.Equal(bytes, Utf8.GetBytes(EventLogJson.SerializeDocument(contents.IncidentId!, contents.Events)));
    }

    [Fact]
    public void GoldenLines_ReadAndWrittenAgain_AreByteIdentical()
    {
        var bytes = Golden("every-event-type.v1.jsonl");
        var contents = EventLogJson.Parse(Utf8.GetString(bytes));
        Assert.Equal(bytes, Utf8.GetBytes(EventLogJson.SerializeLines(contents.Events)));
        Assert.Equal(
            Utf8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries),
            contents.Events.Select(EventLogJson.SerializeLine));
    }

    [Fact]
    public void Goldens_HoldTheSameEvents_OfEveryTypeOfTheCatalogue()
    {
        var fromDocument = EventLogJson.Parse(Utf8.GetString(Golden("every-event-type.v1.json"))).Events;
        var fromLines = EventLogJson.Parse(Utf8.GetString(Golden("every-event-type.v1.jsonl"))).Events;
        Assert.Equal(fromDocument, fromLines);
        Assert.Equal(EventCatalogue.All.Select(type => type.Name).Order(StringComparer.Ordinal), fromLines.Select(e => e.Type).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("fuzz", "corpus", "eventlog", "document-short.json")]
    [InlineData("fuzz", "corpus", "eventlog", "checkout-lines.jsonl")]
    [InlineData("fuzz", "corpus", "eventlog", "declined.jsonl")]
    public void CommittedLogInTheWritersForm_ReadAndWrittenAgain_IsByteIdentical(params string[] path)
    {
        var bytes = Bytes(path);
        var contents = EventLogJson.Parse(Utf8.GetString(bytes));
        var written = contents.IncidentId is { } id ? EventLogJson.SerializeDocument(id, contents.Events) : EventLogJson.SerializeLines(contents.Events);
        Assert.Equal(bytes, Utf8.GetBytes(written));
    }
}
