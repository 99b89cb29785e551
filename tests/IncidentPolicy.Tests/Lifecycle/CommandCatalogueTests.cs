using System.Reflection;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Tests.Lifecycle;

/// <summary>
/// The command catalogue — declared beside the events in the event catalogue — is the one list of commands that the
/// commands' JSON form and the generators read: every command kind is in it once, and each entry says what its record
/// says.
/// </summary>
public class CommandCatalogueTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 5, 29, 14, 0);

    public static TheoryData<string> Names => [.. CommandCatalogue.All.Select(type => type.Name)];

    [Fact]
    public void Catalogue_HasEveryCommandKindExactlyOnce_WithTheRecordOfItsName()
    {
        Assert.Equal(Enum.GetValues<CommandKind>().Order(), CommandCatalogue.All.Select(type => type.Kind).Order());
        Assert.All(CommandCatalogue.All, type => Assert.Equal(Enum.GetName(type.Kind), type.RecordType.Name));
        Assert.All(CommandCatalogue.All, type => Assert.Equal(Enum.GetName(type.Kind)![..1].ToLowerInvariant() + Enum.GetName(type.Kind)![1..], type.Name));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Entry_FieldsAreTheRecordsParametersInTheirOrder(string name)
    {
        var type = CommandCatalogue.Find(name)!;
        var parameters = type.RecordType.GetConstructors().Single(c => !IsCopyConstructor(c)).GetParameters();
        var nullability = new NullabilityInfoContext();
        Assert.Equal(parameters.Select(p => char.ToLowerInvariant(p.Name![0]) + p.Name[1..]), type.Fields.Select(f => f.CommandName));
        foreach (var (parameter, field) in parameters.Zip(type.Fields))
        {
            Assert.Equal(field.Kind == EventFieldKind.Text && nullability.Create(parameter).WriteState == NullabilityState.Nullable, field.Optional);
            Assert.Equal(field.Kind == EventFieldKind.Choice ? parameter.ParameterType : null, field.Choice?.EnumType);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Entry_CreatesItsRecord_WhoseEventIsTheEntrysEvent_AndValuesAreTheValuesGiven(string name)
    {
        var type = CommandCatalogue.Find(name)!;
        var values = type.Fields.Select((field, i) => Sample(field, i)).ToArray();
        var created = type.Create(values);
        Assert.IsType(type.RecordType, created);
        Assert.Equal(type.Kind, created.Kind);
        Assert.Same(type, CommandCatalogue.Of(created));
        Assert.Equal(values, type.Values(created));
        var recorded = created.ToEvent(T0, "alice");
        Assert.Same(type.Event, EventCatalogue.Of(recorded));
        Assert.Equal(type.Kind, recorded.Kind);
    }

    [Fact]
    public void Create_WrongNumberOfValues_Throws() =>
        Assert.Throws<ArgumentException>(() => CommandCatalogue.Find("declare")!.Create(["SEV-1"]));

    [Fact]
    public void Find_UnknownOrEventName_IsNull()
    {
        Assert.Null(CommandCatalogue.Find("Declare"));
        Assert.Null(CommandCatalogue.Find("declared"));
    }

    [Fact]
    public void Fields_OnlyTheLibrarysOwnFieldsAreLeftOut_AndOnlyMergeIntoRenamesOne()
    {
        var leftOut = EventCatalogue.All.SelectMany(type => type.Fields.Where(f => f.CommandName is null).Select(f => $"{type.Name}.{f.Name}"));
        Assert.Equal(["alertFired.policyHash"], leftOut);
        var renamed = EventCatalogue.All.SelectMany(type => type.Fields.Where(f => f.CommandName is { } c && c != f.Name).Select(f => $"{type.Name}.{f.Name}->{f.CommandName}"));
        Assert.Equal(["merged.into->incidentId"], renamed);
    }

    private static bool IsCopyConstructor(ConstructorInfo constructor) =>
        constructor.GetParameters() is [var only] && only.ParameterType == constructor.DeclaringType;

    private static object? Sample(EventField field, int i) => field.Kind switch
    {
        EventFieldKind.Text => $"text-{i}",
        EventFieldKind.Instant => T0 + Duration.FromHours(i + 1),
        EventFieldKind.Date => new LocalDate(2026, 6, 1 + i),
        EventFieldKind.Decimal => 12.50m + i,
        _ => field.Choice!.Values[^1],
    };
}
