using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;
using IncidentPolicy.Testing;

namespace IncidentPolicy.Tests.Serialization;

public class IncidentCommandJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new IncidentCommandJsonConverter() } };

    private sealed record Envelope(string IncidentId, int ExpectedVersion, IncidentCommand Command);

    [Fact]
    public void Serialize_CommandInsideADocument_IsItsOneJsonForm()
    {
        var json = JsonSerializer.Serialize(new Envelope("INC-1", 3, new Declare("SEV-1", "Checkout down")), Options);
        Assert.Equal("""{"IncidentId":"INC-1","ExpectedVersion":3,"Command":{"command":"declare","severity":"SEV-1","title":"Checkout down"}}""", json);
        Assert.Equal(new Envelope("INC-1", 3, new Declare("SEV-1", "Checkout down")), JsonSerializer.Deserialize<Envelope>(json, Options));
    }

    [Property(MaxTest = 200)]
    public Property Deserialize_OfSerialize_IsTheCommand() =>
        Prop.ForAll(IncidentGen.WellFormedCommands.ToArbitrary(), command =>
            JsonSerializer.Deserialize<IncidentCommand>(JsonSerializer.Serialize(command, Options), Options)!.Equals(command));

    [Fact]
    public void Deserialize_BadCommand_ThrowsJsonExceptionWithThePathAndReason()
    {
        var thrown = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<Envelope>("""{"IncidentId":"INC-1","ExpectedVersion":3,"Command":{"command":"declare","severity":"SEV-1"}}""", Options));
        Assert.StartsWith("$.title: title is required", thrown.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<IncidentCommand>("""{"command":"explode"}""", Options));
        Assert.StartsWith("$.command: 'explode' is not a command", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_Null_IsNull() => Assert.Null(JsonSerializer.Deserialize<IncidentCommand>("null", Options));
}
