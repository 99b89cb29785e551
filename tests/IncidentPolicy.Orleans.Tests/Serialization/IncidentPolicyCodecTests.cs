using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Hosting;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Orleans.WakeUps;
using IncidentPolicy.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Serialization;

namespace IncidentPolicy.Orleans.Tests.Serialization;

/// <summary>Round trips through Orleans' own serializer configured as the package configures it: every command and
/// event type, declared as its base type (as a grain method's parameter is), and the package's answers.</summary>
public sealed class IncidentPolicyCodecTests
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddIncidentPolicySerializer().BuildServiceProvider();
    private static readonly Serializer Serializer = Services.GetRequiredService<Serializer>();
    private static readonly DeepCopier Copier = Services.GetRequiredService<DeepCopier>();

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Serializer_AnyCommandAsIncidentCommand_RoundTripsEqual() =>
        Prop.ForAll(IncidentGen.WellFormedCommands.ToArbitrary(), command =>
            Equals(command, RoundTrip<IncidentCommand>(command)) && Equals(command, Copier.Copy<IncidentCommand>(command)));

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Serializer_AnyEventsAsIncidentEvents_RoundTripEqual() =>
        Prop.ForAll(IncidentGen.EventLogs.ToArbitrary(), events =>
            events.All(e => Equals(e, RoundTrip<IncidentEvent>(e))));

    [Fact]
    public void Serializer_EveryCommandKind_RoundTrips()
    {
        var commands = IncidentGen.WellFormedCommands.Sample(2_000, 30);
        var kinds = commands.Select(c => c.Kind).Distinct().Count();

        Assert.Equal(IncidentGen.CommandTypeCount, kinds);
        Assert.All(commands, c => Assert.Equal(c, RoundTrip<IncidentCommand>(c)));
    }

    [Fact]
    public void Serializer_EveryEventType_RoundTrips()
    {
        var events = IncidentGen.EventLogs.Sample(400, 30).SelectMany(log => log).ToList();

        Assert.Equal(Enum.GetValues<CommandKind>().Length, events.Select(e => e.Kind).Distinct().Count());
        Assert.All(events, e => Assert.Equal(e, RoundTrip<IncidentEvent>(e)));
    }

    [Fact]
    public void Serializer_Answers_RoundTripEqual()
    {
        var at = Instant.FromUtc(2026, 5, 29, 4, 2, 0).PlusNanoseconds(1_500_000);
        var accepted = ApplyAnswer.Accepted(3, new CommanderAssigned(at, "alex", "sarah"));
        var rejected = ApplyAnswer.Rejected(2, new Rejection(RejectionCode.InvalidTransition, "An incident starts with its alert.", RuleIds.Transition));
        var conflict = ApplyAnswer.Conflict(7);
        var head = new IncidentHead("INC-1", 4, IncidentStatus.Mitigated, "SEV-1", "checkout", "errors", null, at, at, "sha256:ab", "dedup-1");
        var action = new DueAction("INC-1", "escalate:page-engineering-manager#1", DueActionKind.Page, ObligationKind.Escalate, "role:engineering-manager", "errors: page", at);
        var actor = new Actor("alex", "on-call-engineer", "incident-commander");

        Assert.Equal(accepted, RoundTrip(accepted));
        Assert.Equal(rejected, RoundTrip(rejected));
        Assert.Equal(conflict, RoundTrip(conflict));
        Assert.Equal(head, RoundTrip(head));
        Assert.Equal(action, RoundTrip(action));
        Assert.Equal(actor, RoundTrip(actor));
        Assert.Equal(new AlertIntakeAnswer("INC-1", accepted), RoundTrip(new AlertIntakeAnswer("INC-1", accepted)));
        Assert.Equal(AlertIntakeAnswer.NoIncident, RoundTrip(AlertIntakeAnswer.NoIncident));
        Assert.Equal<IReadOnlyList<IncidentHead>>([head, head with { IncidentId = "INC-2" }], RoundTrip<IReadOnlyList<IncidentHead>>([head, head with { IncidentId = "INC-2" }]));
    }

    [Fact]
    public void Serializer_CommandJson_IsTheCoreCatalogueForm()
    {
        var text = System.Text.Json.JsonSerializer.Serialize<IncidentCommand>(new Declare("SEV-1", "checkout errors"), IncidentPolicy.Orleans.Serialization.IncidentPolicyCodec.Options);

        Assert.Equal(IncidentPolicy.Serialization.IncidentCommandJson.Serialize(new Declare("SEV-1", "checkout errors")), text);
    }

    [Fact]
    public void Serializer_BadEventJson_JsonExceptionSaysWhy()
    {
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() =>
            System.Text.Json.JsonSerializer.Deserialize<IncidentEvent>("{\"type\":\"noSuchEvent\",\"at\":\"2026-05-29T04:02:00Z\",\"by\":\"a\"}", IncidentPolicy.Orleans.Serialization.IncidentPolicyCodec.Options));

        Assert.Contains("noSuchEvent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serializer_BadCommandJson_JsonExceptionSaysWhy()
    {
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() =>
            System.Text.Json.JsonSerializer.Deserialize<IncidentCommand>("{\"command\":\"declare\",\"severity\":\"SEV-1\"}", IncidentPolicy.Orleans.Serialization.IncidentPolicyCodec.Options));

        Assert.Contains("title", error.Message, StringComparison.Ordinal);
    }
}
