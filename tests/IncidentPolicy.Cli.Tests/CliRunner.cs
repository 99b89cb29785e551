namespace IncidentPolicy.Cli.Tests;

/// <summary>Runs the CLI in process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The seed's checkout outage as an event log, from the repository.</summary>
    public static string SeedTimeline()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "samples", "timelines", "checkout-outage-2026-05-29.json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException("samples/timelines/checkout-outage-2026-05-29.json not found");
    }

    public static string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "incident-policy-tests-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, content);
        return path;
    }
}
