using System.Text;
using IncidentPolicy.Fuzzing;
using IncidentPolicy.Tests.Support;

namespace IncidentPolicy.Tests.Fuzzing;

/// <summary>
/// Replays every file of the fuzzing corpus (fuzz/corpus/TARGET) and every crash the fuzzer saved
/// (fuzz/regressions/TARGET) through the checks the fuzz target runs (fuzz/IncidentPolicy.Fuzz/FuzzChecks.cs, compiled
/// into this project), so a crash found by AFL stays a failing test until the reader is fixed, and the seeds keep
/// passing. Bytes are decoded as the fuzz target decodes them: UTF-8, a byte order mark kept, invalid bytes replaced.
/// </summary>
public sealed class FuzzCorpusTests
{
    private const int MaxSeedBytes = 20 * 1024;

    private static readonly string[] Folders = ["corpus", "regressions"];

    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>();
        foreach (var path in InputFiles())
        {
            files.Add(path);
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Check_FuzzInputFile_KeepsTheReadersPromises(string file)
    {
        var target = file.Split('/')[2];
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(RepositoryRoot.File(file.Split('/'))));

        FuzzChecks.For(target)(text);
    }

    [Fact]
    public void Corpus_EveryTarget_HasSmallSeeds()
    {
        foreach (var target in FuzzChecks.Targets)
        {
            var seeds = new DirectoryInfo(RepositoryRoot.File("fuzz", "corpus", target)).GetFiles();

            Assert.True(seeds.Length >= 5, $"fuzz/corpus/{target} has {seeds.Length} seeds; AFL needs a few valid and invalid ones");
            Assert.All(seeds, s => Assert.True(s.Length <= MaxSeedBytes, $"fuzz/corpus/{target}/{s.Name} is {s.Length} bytes; keep seeds under 20 KB"));
        }
    }

    [Fact]
    public void InputFolders_EveryFile_IsUnderATargetFolder()
    {
        var misplaced = Folders
            .Select(folder => RepositoryRoot.File("fuzz", folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/')))
            .Where(relative => relative.Split('/') is not [var target, _] || !FuzzChecks.Targets.Contains(target))
            .ToList();

        Assert.True(misplaced.Count == 0, "files the tests would not replay (expected TARGET/FILE): " + string.Join(", ", misplaced));
    }

    [Fact]
    public void For_UnknownTarget_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => FuzzChecks.For("calendar"));

        Assert.Equal("target", e.ParamName);
    }

    private static IEnumerable<string> InputFiles() =>
        from folder in Folders
        from target in FuzzChecks.Targets
        let directory = RepositoryRoot.File("fuzz", folder, target)
        where Directory.Exists(directory)
        from path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal)
        select $"fuzz/{folder}/{target}/{Path.GetFileName(path)}";
}
