using System.CommandLine;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Cli;

/// <summary>The verbs about policy files: <c>policy default</c>, <c>validate</c>, <c>schema</c>.</summary>
internal static class PolicyCommands
{
    public static Command Policy(TextWriter stdout)
    {
        var policy = new Command("policy", "Work with policies.");
        var defaultCommand = new Command("default", "Print the default policy (the seed playbook) as JSON.");
        defaultCommand.SetAction(_ =>
        {
            stdout.WriteLine(PolicyJson.Serialize(ResponsePolicy.Default));
            return ExitCodes.Success;
        });
        policy.Subcommands.Add(defaultCommand);
        return policy;
    }

    public static Command Validate(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "The policy file to check." };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when the policy has warnings, as when it is invalid." };
        var time = new TimeOptions();
        var at = time.Instant(
            "--at",
            "Look for on-call gaps in the 90 days from this instant; from the earliest rotation start when omitted.");
        var validate = new Command("validate", "Check a policy file: prints 'valid' (and any warnings) or every problem as 'path: reason'.") { file, strict, at };
        validate.Options.Add(time.Zone);
        validate.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            if (!PolicyJson.TryLoad(path, CliApp.ReadOptions, out var policy, out var problems))
            {
                foreach (var problem in problems)
                {
                    stdout.WriteLine(Text.OneLine(problem.ToString()));
                }

                return ExitCodes.InvalidInput;
            }

            stdout.WriteLine("valid");
            var warnings = parseResult.GetResult(at) is null ? policy.Warnings : policy.WarningsFrom(parseResult.GetValue(at));
            foreach (var warning in warnings)
            {
                stderr.WriteLine(Text.OneLine($"warning: {warning}"));
            }

            return parseResult.GetValue(strict) && warnings.Count > 0 ? ExitCodes.InvalidInput : ExitCodes.Success;
        });
        return validate;
    }

    public static Command Schema(TextWriter stdout)
    {
        var schema = new Command("schema", "Print the JSON Schema of policy files.");
        schema.SetAction(_ =>
        {
            stdout.WriteLine(PolicyJson.Schema);
            return ExitCodes.Success;
        });
        return schema;
    }
}
