using System.Text;

namespace IncidentPolicy.Cli.Tests;

/// <summary>
/// Every verb with hostile values in each of its instant, file and text slots — the other slots valid — answers with
/// exit 0, 1 or 2 and never a stack trace. The values are fixed (no randomness); the files are made once per run.
/// </summary>
public sealed class HostileArgumentsTests : IClassFixture<HostileArgumentsTests.Files>
{
    private const string Instant = "{instant}";
    private const string File = "{file}";
    private const string Log = "{log}";
    private const string Ics = "{ics}";
    private const string Text = "{text}";

    private static readonly string[] Instants =
    [
        "0001-01-01T00:00Z", "1899-12-31T23:59:59.999999999Z", "1900-01-01T00:00Z", "1900-01-01T00:00:00.000000001Z",
        "2200-12-31T23:59:59Z", "2200-12-31T23:59:59.999999999Z", "2201-01-01T00:00Z", "9999-12-31T23:59:59Z",
        "", " ", "yesterday", "2026-02-30T00:00Z", "2026-05-29T24:00Z", "2026-05-29T04:02:00+02:00", "-0001-01-01T00:00Z",
        "99999-01-01T00:00Z", "2026-05-29T04:02:00.0000000001Z", "\uD800", "2026-05-29T04:02Z\n",
    ];

    private static readonly string[] FileKinds =
    [
        "missing", "empty", "blank", "directory", "dev-zero", "junk", "invalid-utf8", "lone-surrogate", "range-start",
        "range-end", "year-9999", "not-json", "valid",
    ];

    private static readonly string[] IcsTargets = ["fresh", "directory", "missing", "dev-full", "dev-zero", ""];

    private static readonly string[] Texts = ["", " ", "\uD800", "SEV-1\n", "\0", new('x', 100_000), "--at", "-"];

    /// <summary>Each verb with one hostile slot; the rest of its arguments valid.</summary>
    private static readonly string[][] Templates =
    [
        ["policy", "default", Text],
        ["validate", File],
        ["schema", Text],
        ["diagram", "--format", Text],
        ["deadlines", "--severity", "SEV-4", "--at", Instant],
        ["deadlines", "--severity", "SEV-1", "--at", Instant, "--format", "json"],
        ["deadlines", "--severity", Text, "--at", "2026-05-29T04:02Z"],
        ["deadlines", "--severity", "SEV-3", "--at", "2026-05-29T04:02Z", "--policy", File],
        ["oncall", "--at", Instant],
        ["oncall", "--at", Instant, "--format", "json"],
        ["oncall", "--from", Instant, "--to", "2200-12-31T23:59:59.999999999Z"],
        ["oncall", "--from", "1900-01-01T00:00Z", "--to", Instant],
        ["oncall", "--from", Instant, "--to", "1900-03-01T00:00Z", "--ics", "{ics}fresh"],
        ["oncall", "--from", "2200-11-01T00:00Z", "--to", Instant, "--ics", "{ics}fresh", "--format", "json"],
        ["oncall", "--at", "2026-05-29T04:02Z", "--policy", File],
        ["oncall", "--at", "2026-05-29T04:02Z", "--schedule", Text],
        ["oncall", "--from", "2026-05-01T00:00Z", "--to", "2026-06-01T00:00Z", "--ics", Ics],
        ["deploy-check", "--at", Instant],
        ["deploy-check", "--at", "2026-05-29T04:02Z", "--policy", File],
        ["deploy-check", "--at", "2026-05-29T04:02Z", "--approved-by", Text],
        ["runbook", "--policy", File],
        ["runbook", "--id", Text],
        ["runbook", "--service", Text, "--tag", Text],
        ["replay", Log],
        ["replay", "{seed}", "--policy", File, "--format", "json"],
        ["audit", Log],
        ["audit", "{seed}", "--at", Instant],
        ["audit", "{log}range-start", "--at", Instant],
        ["audit", "{log}range-end", "--at", Instant, "--format", "json"],
        ["audit", "{seed}", "--policy", File, "--fail-on-findings"],
        ["simulate", Log, "--until", "2200-12-31T23:59:59.999999999Z"],
        ["simulate", Log, "--until", "2026-06-01T00:00Z"],
        ["simulate", "{seed}", "--until", Instant],
        ["postmortem", Log],
        ["postmortem", "{seed}", "--authored", File],
        ["postmortem", "{seed}", "--policy", File],
        ["report", Log],
        ["report", "{folder}" + Log],
        ["report", "{folder}{log}valid", "--at", Instant],
    ];

    private readonly Files files;

    public HostileArgumentsTests(Files files) => this.files = files;

    public static TheoryData<string> Invocations()
    {
        var data = new TheoryData<string>();
        foreach (var template in Templates)
        {
            string[] slots = [Instant, File, Log, Ics];
            var slot = slots.FirstOrDefault(x => template.Any(a => a.Contains(x, StringComparison.Ordinal))) ?? Text;
            var values = slot switch
            {
                Instant => Instants,
                File or Log => FileKinds,
                Ics => IcsTargets,
                _ => Texts,
            };
            if (slot is File or Log or Ics)
            {
                // The kind stays tagged with its slot, so that Files knows a log from a policy file.
                values = [.. values.Select(kind => slot + kind)];
            }

            foreach (var value in values)
            {
                // One string per case (tab-separated arguments) keeps the theory's cases serializable and readable.
                data.Add(string.Join('\t', template.Select(a => a == slot ? value : a.Replace(slot, value, StringComparison.Ordinal))));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Invocations))]
    public void AnyVerb_HostileValue_Exits0Or1Or2WithoutStackTrace(string invocation)
    {
        var args = invocation.Split('\t').Select(files.Resolve).ToArray();
        var result = CliRunner.Run(args);
        HostileInvocationTests.AssertNoStackTrace(result);
        Assert.InRange(result.ExitCode, 0, 2);
        if (result.ExitCode != 0)
        {
            Assert.NotEmpty((result.Stderr + result.Stdout).Trim());
        }

        if (result.ExitCode == 2)
        {
            // One line per reason, however the argument was made: the usage follows a blank line.
            var reasons = result.Stderr.Split('\n').TakeWhile(l => l.Length > 0).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, l => Assert.StartsWith("error: ", l, StringComparison.Ordinal));
        }
    }

    /// <summary>The hostile files, made once. <c>{file}KIND</c> is a policy-like file of that kind, <c>{log}KIND</c> an
    /// event-log-like one (<c>valid</c>: the default policy, the seed timeline), <c>{folder}{log}KIND</c> a folder
    /// holding that log, <c>{ics}KIND</c> where to write a feed; <c>{seed}</c> is the seed timeline.</summary>
    public sealed class Files : IDisposable
    {
        private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("incident-policy-cli-hostile-args-");

        public Files()
        {
            var policy = IncidentPolicy.PolicyJson.Serialize(ResponsePolicy.Default);
            Write("valid.json", policy);
            Write("lone-surrogate.json", ReplaceOnce(policy, "\"name\": \"", "\"name\": \"\\uD800"));
            Write("range-start.json", ReplaceOnce(policy, "\"holidays\": []", "\"holidays\": [\"1900-01-01\", \"--12-31\"]"));
            Write("range-end.json", ReplaceOnce(policy, "\"holidays\": []", "\"holidays\": [\"2200-12-31\"]"));
            Write("year-9999.json", ReplaceOnce(policy, "\"holidays\": []", "\"holidays\": [\"9999-12-31\"]"));
            foreach (var ext in new[] { ".json", ".jsonl", ".ics" })
            {
                Write("empty" + ext, "");
                Write("blank" + ext, "\n \n\t\n");
                Write("not-json" + ext, "{\"type\": ");
                System.IO.File.WriteAllBytes(Path.Combine(root.FullName, "invalid-utf8" + ext), [.. "{\"formatVersion\": 1, \"x\": \""u8, 0xC3, 0x28, 0xFF, 0xFE, .. "\"}"u8]);
                root.CreateSubdirectory("directory" + ext);
                System.IO.File.CreateSymbolicLink(Path.Combine(root.FullName, "dev-zero" + ext), "/dev/zero");
            }

            Write("lone-surrogate.jsonl", Alert("2026-05-29T04:02:00Z", "\\uD800", "\\uDC00x"));
            Write("range-start.jsonl", Alert("1900-01-01T00:00Z", "x", "checkout")
                + """{"type":"actionItemAdded","at":"1900-01-01T00:00Z","by":"sarah","id":"AI-1","action":"x","owner":"alex","due":"1900-01-01"}""" + "\n");
            Write("range-end.jsonl", Alert("2200-12-31T23:59:59.999999999Z", "x", "checkout")
                + """{"type":"declared","at":"2200-12-31T23:59:59.999999999Z","by":"alex","severity":"SEV-1","title":"t"}""" + "\n"
                + """{"type":"actionItemAdded","at":"2200-12-31T23:59:59.999999999Z","by":"sarah","id":"AI-1","action":"x","owner":"alex","due":"2200-12-31"}""" + "\n");
            Write("year-9999.jsonl", Alert("9999-12-31T23:59:59Z", "x", "checkout"));

            // 20 MB of deterministic junk: larger than every reader's limit.
            var junk = new byte[20 * 1024 * 1024];
            new Random(13).NextBytes(junk);
            System.IO.File.WriteAllBytes(Path.Combine(root.FullName, "junk.json"), junk);
            System.IO.File.CreateSymbolicLink(Path.Combine(root.FullName, "junk.jsonl"), Path.Combine(root.FullName, "junk.json"));
        }

        public string Resolve(string argument)
        {
            if (argument == "{seed}")
            {
                return CliRunner.SeedTimeline();
            }

            if (argument.StartsWith("{folder}{log}", StringComparison.Ordinal))
            {
                var kind = argument["{folder}{log}".Length..];
                var folder = Path.Combine(root.FullName, "folder-" + kind);
                if (!Directory.Exists(folder))
                {
                    Directory.CreateDirectory(folder);
                    System.IO.File.CreateSymbolicLink(Path.Combine(folder, "log.jsonl"), PathOf(kind, ".jsonl"));
                }

                return folder;
            }

            return argument.StartsWith(File, StringComparison.Ordinal) ? PathOf(argument[File.Length..], ".json")
                : argument.StartsWith(Log, StringComparison.Ordinal) ? PathOf(argument[Log.Length..], ".jsonl")
                : argument.StartsWith(Ics, StringComparison.Ordinal) ? PathOf(argument[Ics.Length..], ".ics")
                : argument;
        }

        public void Dispose() => root.Delete(recursive: true);

        private string PathOf(string kind, string extension) => kind switch
        {
            "dev-full" => "/dev/full",
            "" => "",
            "fresh" => System.IO.Path.Combine(root.FullName, "out-" + Guid.NewGuid().ToString("N") + extension),
            "missing" => System.IO.Path.Combine(root.FullName, "no-such-folder", "missing" + extension),
            "valid" when extension == ".jsonl" => CliRunner.SeedTimeline(),
            _ => System.IO.Path.Combine(root.FullName, kind + extension),
        };

        private static string Alert(string at, string summary, string service) =>
            $$"""{"type":"alertFired","at":"{{at}}","by":"monitoring","summary":"{{summary}}","service":"{{service}}","severity":"SEV-1","policyHash":null}""" + "\n";

        private static string ReplaceOnce(string text, string what, string with)
        {
            var at = text.IndexOf(what, StringComparison.Ordinal);
            Assert.True(at >= 0, $"the default policy has no {what}");
            return string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length));
        }

        private void Write(string name, string content) =>
            System.IO.File.WriteAllText(System.IO.Path.Combine(root.FullName, name), content, new UTF8Encoding(false));
    }
}
