using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Benchmarks;

/// <summary>
/// Reading and writing the default policy file. The baseline is System.Text.Json parsing the same text into a
/// <see cref="JsonDocument"/>, so the ratio shows what validation and mapping add to plain JSON parsing.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PolicyJsonBenchmarks
{
    private readonly string _json = PolicyJson.Serialize(ResponsePolicy.Default);

    [Benchmark(Baseline = true, Description = "JsonDocument.Parse (reference)")]
    public int ParseJsonDocument()
    {
        using var document = JsonDocument.Parse(_json);
        return document.RootElement.GetArrayLength("severities");
    }

    [Benchmark(Description = "PolicyJson.Parse(default policy)")]
    public ResponsePolicy Parse() => PolicyJson.Parse(_json);

    [Benchmark(Description = "PolicyJson.Serialize(default policy)")]
    public string Serialize() => PolicyJson.Serialize(ResponsePolicy.Default);
}

internal static class JsonElementExtensions
{
    public static int GetArrayLength(this JsonElement element, string property) => element.GetProperty(property).GetArrayLength();
}
