using System.Reflection;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Tests.Lifecycle;

/// <summary>
/// The event catalogue is the one list of event types that the log's reader and writer, the storability check and the
/// generators read: every event record is in it once, and each entry says what its record says.
/// </summary>
public class EventCatalogueTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 5, 29, 14, 0);

    private static readonly Type[] Records = typeof(IncidentEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(IncidentEvent)) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> Names => [.. EventCatalogue.All.Select(type => type.Name)];

    [Fact]
    public void Catalogue_HoldsEveryEventRecordOfTheLibraryExactlyOnce()
    {
        var listed = EventCatalogue.All.Select(type => type.RecordType).ToList();
        Assert.Empty(listed.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(Records.Except(listed));
        Assert.Empty(listed.Except(Records));
        Assert.Equal(EventCatalogue.All.Count, EventCatalogue.All.Select(type => type.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Catalogue_ListsTheTypesInTheLogsOrder_NewTypesAtTheEnd() =>
        Assert.Equal(
            "alertFired, acknowledged, declared, commanderAssigned, roleAssigned, severityChanged, statusUpdatePosted, "
            + "impactRecorded, flagRaised, mitigated, resolved, reopened, postMortemScheduled, postMortemPublished, actionItemAdded, "
            + "actionItemCompleted, actionItemStatusChanged, closed, declined, merged, noteAdded, notificationSent, reminderSent, channelCreated, "
            + "alertJoined, alertCleared, policyAdopted",
            EventCatalogue.NameList);

    [Theory]
    [MemberData(nameof(Names))]
    public void Entry_FieldsAreTheRecordsParametersAfterAtAndBy(string name)
    {
        var type = EventCatalogue.Find(name)!;
        var parameters = type.RecordType.GetConstructors().Single(c => c.GetParameters() is [{ Name: "At" }, { Name: "By" }, ..]).GetParameters()[2..];
        var nullability = new NullabilityInfoContext();
        Assert.Equal(parameters.Select(p => char.ToLowerInvariant(p.Name![0]) + p.Name[1..]), type.Fields.Select(f => f.Name));
        foreach (var (parameter, field) in parameters.Zip(type.Fields))
        {
            var kind = parameter.ParameterType switch
            {
                var t when t == typeof(string) => EventFieldKind.Text,
                var t when t == typeof(Instant) => EventFieldKind.Instant,
                var t when t == typeof(LocalDate) => EventFieldKind.Date,
                var t when t == typeof(decimal) => EventFieldKind.Decimal,
                { IsEnum: true } => EventFieldKind.Choice,
                var t => throw new InvalidOperationException($"{name}.{field.Name} is a {t.Name}, which the catalogue has no kind for"),
            };
            Assert.Equal(kind, field.Kind);
            Assert.Equal(kind == EventFieldKind.Text && nullability.Create(parameter).WriteState == NullabilityState.Nullable, field.Optional);
            Assert.Equal(kind == EventFieldKind.Choice ? parameter.ParameterType : null, field.Choice?.EnumType);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Entry_CreatesItsRecordWithItsName_AndItsFieldsAnswerTheValuesGiven(string name)
    {
        var type = EventCatalogue.Find(name)!;
        var values = type.Fields.Select((field, i) => Sample(field, i)).ToArray();
        var created = type.Create(T0, "alice", values);
        Assert.IsType(type.RecordType, created);
        Assert.Equal(name, created.Type);
        Assert.Same(type, EventCatalogue.Of(created));
        Assert.Equal((T0, "alice"), (created.At, created.By));
        Assert.Equal(values, type.Fields.Select(field => field.Value(created)));
    }

    [Fact]
    public void Entry_EveryFieldTheLibraryDoesNotSetItselfIsCheckedForStorage()
    {
        var notChecked = EventCatalogue.All.SelectMany(type => type.Fields
            .Where(f => f.Kind is EventFieldKind.Text or EventFieldKind.Instant or EventFieldKind.Date && f.What is null)
            .Select(f => $"{type.Name}.{f.Name}"));
        Assert.Equal(["alertFired.policyHash"], notChecked);
    }

    [Fact]
    public void Choice_NamesAreTheEnumsValuesInCamelCase()
    {
        var audience = EventCatalogue.Find("statusUpdatePosted")!.Field("audience")!.Choice!;
        Assert.Equal(["internal", "external"], audience.Names);
        Assert.Equal("internal or external", audience.Expected);
        Assert.Equal(StatusAudience.External, audience.Read("external"));
        Assert.Null(audience.Read("External"));
        Assert.Equal("open, inProgress, done or wontDo", EventCatalogue.Find("actionItemStatusChanged")!.Field("status")!.Choice!.Expected);
        Assert.Throws<ArgumentOutOfRangeException>(() => audience.Write((StatusAudience)7));
    }

    [Fact]
    public void Find_UnknownNameOrForeignRecord_IsNull()
    {
        Assert.Null(EventCatalogue.Find("AlertFired"));
        Assert.Null(EventCatalogue.Of(new Foreign(T0, "a")));
    }

    [Fact]
    public void FuzzDictionary_HoldsEveryTypeFieldAndChoiceOfTheCatalogue()
    {
        var entries = File.ReadAllLines(RepositoryRoot.File("fuzz", "dictionaries", "eventlog.dict")).ToHashSet(StringComparer.Ordinal);
        var words = EventCatalogue.All.SelectMany(type => type.Fields.SelectMany(f => (IEnumerable<string>)[f.Name, .. f.Choice?.Names ?? []]).Prepend(type.Name));
        var missing = words.Distinct().Where(word => !entries.Contains($"\"\\\"{word}\\\"\"")).ToList();
        Assert.True(missing.Count == 0, "fuzz/dictionaries/eventlog.dict lacks " + string.Join(", ", missing));
    }

    [Fact]
    public void CommandFuzzDictionary_HoldsEveryCommandFieldAndChoice()
    {
        var entries = File.ReadAllLines(RepositoryRoot.File("fuzz", "dictionaries", "command.dict")).ToHashSet(StringComparer.Ordinal);
        var words = CommandCatalogue.All.SelectMany(type => type.Fields.SelectMany(f => (IEnumerable<string>)[f.CommandName!, .. f.Choice?.Names ?? []]).Prepend(type.Name));
        var missing = words.Distinct().Where(word => !entries.Contains($"\"\\\"{word}\\\"\"")).ToList();
        Assert.True(missing.Count == 0, "fuzz/dictionaries/command.dict lacks " + string.Join(", ", missing));
    }

    [Fact]
    public void Lifecycle_DoesNotDependOnSystemTextJson()
    {
        var folder = RepositoryRoot.File("src", "IncidentPolicy", "Lifecycle");
        var offenders = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => File.ReadAllText(file) is var text
                && (text.Contains("using System.Text.Json", StringComparison.Ordinal) || text.Contains("System.Text.Json.", StringComparison.Ordinal)))
            .Select(file => Path.GetRelativePath(folder, file));
        Assert.Empty(offenders);
    }

    private static object? Sample(EventField field, int i) => field.Kind switch
    {
        EventFieldKind.Text => $"text-{i}",
        EventFieldKind.Instant => T0 + Duration.FromHours(i + 1),
        EventFieldKind.Date => new LocalDate(2026, 6, 1 + i),
        EventFieldKind.Decimal => 12.50m + i,
        _ => field.Choice!.Values[^1],
    };

    private sealed record Foreign(Instant At, string By) : IncidentEvent(At, By)
    {
        public override CommandKind Kind => CommandKind.AddNote;

        public override string Type => "foreign";
    }
}
