using System.CommandLine;

namespace IncidentPolicy.Cli;

/// <summary>
/// <c>runbook [--id ID] [--service SERVICE] [--tag TAG …] [--policy FILE]</c> — prints the policy's runbooks as
/// Markdown in the seed's layout: the one with <c>--id</c>, or those matching the service or an alert tag; with no
/// filter, lists every runbook's id, title, services and tags. Exit 1 when nothing matches.
/// </summary>
internal static class RunbookCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var id = new Option<string?>("--id") { Description = "A runbook id, e.g. checkout-error-rate-spike." };
        var service = new Option<string?>("--service") { Description = "The incident's service, e.g. checkout." };
        var tags = new Option<string[]>("--tag")
        {
            Description = "An alert tag, e.g. checkout-error-rate; repeat for several.",
            AllowMultipleArgumentsPerToken = false,
        };
        var policyFile = Options.PolicyFile();
        var command = new Command("runbook", "Print the policy's runbooks as Markdown: by --id, or matching --service/--tag; with no filter, list them (exit 1 when none matches).")
        {
            id, service, tags, policyFile,
        };

        command.SetAction(parseResult =>
        {
            if (!CliApp.TryLoadPolicy(parseResult.GetValue(policyFile), stderr, out var policy))
            {
                return ExitCodes.InvalidInput;
            }

            var wantedId = parseResult.GetValue(id);
            var wantedService = parseResult.GetValue(service);
            var wantedTags = parseResult.GetValue(tags) ?? [];
            if (wantedId is null && wantedService is null && wantedTags.Length == 0)
            {
                if (policy.Runbooks.Count == 0)
                {
                    stderr.WriteLine("the policy has no runbooks");
                    return ExitCodes.InvalidInput;
                }

                foreach (var runbook in policy.Runbooks)
                {
                    stdout.WriteLine($"{runbook.Id}  {runbook.Title}  services: {Join(runbook.Services)}  tags: {Join(runbook.AlertTags)}");
                }

                return ExitCodes.Success;
            }

            var found = policy.FindRunbooks(wantedService, wantedTags)
                .Where(r => wantedId is null || r.Id == wantedId)
                .ToList();
            if (wantedId is not null && wantedService is null && wantedTags.Length == 0)
            {
                found = policy.Runbooks.Where(r => r.Id == wantedId).ToList();
            }

            if (found.Count == 0)
            {
                stderr.WriteLine(Text.OneLine($"no runbook matches{Describe(wantedId, wantedService, wantedTags)}; the policy has {(policy.Runbooks.Count == 0 ? "none" : Join(policy.Runbooks.Select(r => r.Id)))}"));
                return ExitCodes.InvalidInput;
            }

            stdout.Write(string.Join("\n", found.Select(r => r.ToMarkdown())));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Join(IEnumerable<string> values) => values.Any() ? string.Join(", ", values) : "-";

    private static string Describe(string? id, string? service, string[] tags) =>
        (id is null ? "" : $" id {id}") + (service is null ? "" : $" service {service}") + (tags.Length == 0 ? "" : $" {(tags.Length == 1 ? "tag" : "tags")} {string.Join(", ", tags)}");
}
