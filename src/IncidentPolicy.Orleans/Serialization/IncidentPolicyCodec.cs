using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Orleans.WakeUps;

namespace IncidentPolicy.Orleans.Serialization;

/// <summary>
/// The one serializer for everything of this package and the core that crosses a grain boundary: Orleans'
/// System.Text.Json codec with converters that delegate to the core's catalogue-driven JSON forms (events as event-log
/// lines, commands as the command catalogue writes them), and plain records (answers, heads, due actions) as they are.
/// </summary>
internal static class IncidentPolicyCodec
{
    private static readonly HashSet<Type> Plain =
    [
        typeof(Actor), typeof(Rejection), typeof(ApplyAnswer), typeof(IncidentHead), typeof(DueAction), typeof(AlertIntakeAnswer),
    ];

    /// <summary>The options the codec serializes with; shared and read-only.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Whether a type goes through this codec.</summary>
    public static bool IsSupported(Type type) =>
        Plain.Contains(type) || typeof(IncidentEvent).IsAssignableFrom(type) || typeof(IncidentCommand).IsAssignableFrom(type);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters =
            {
                new IncidentEventJsonConverter(),
                new IncidentCommandJsonConverterFactory(),
                new ActorJsonConverter(),
                new InstantJsonConverter(),
                new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false),
            },
            RespectNullableAnnotations = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
