using System.CommandLine;
using IncidentPolicy.Cli.Json;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Cli;

/// <summary>
/// <c>deploy-check --at INSTANT [--zone ZONE | --local] [--approved-by ROLE …] [--policy FILE] [--format text|json]</c> — whether a deployment
/// at the instant is allowed by the policy's change windows: exit 0 when allowed, 1 when refused.
/// </summary>
internal static class DeployCheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var time = new TimeOptions();
        var at = time.Instant("--at", "When the deployment would happen, e.g. 2026-05-29T03:45:00Z.");
        at.Required = true;
        var approvedBy = new Option<string[]>("--approved-by")
        {
            Description = "Role id of someone who approved the deployment, e.g. engineering-manager; repeat for several.",
            AllowMultipleArgumentsPerToken = false,
        };
        var policyFile = Options.PolicyFile();
        var format = Options.Format();
        var command = new Command("deploy-check", "Whether a deployment at an instant is allowed by the policy's change windows (exit 0 allowed, 1 refused).")
        {
            at, approvedBy, policyFile, format,
        };
        time.AddTo(command);

        command.SetAction(parseResult =>
        {
            if (!CliApp.TryLoadPolicy(parseResult.GetValue(policyFile), stderr, out var policy))
            {
                return ExitCodes.InvalidInput;
            }

            var approvals = parseResult.GetValue(approvedBy) ?? [];
            foreach (var role in approvals)
            {
                if (policy.FindRole(role) is null)
                {
                    stderr.WriteLine(Text.OneLine($"error: --approved-by: the policy has no role '{role}'; it has {string.Join(", ", policy.Roles.Select(r => r.Id))}"));
                    return ExitCodes.BadArguments;
                }
            }

            var decision = policy.CanDeploy(parseResult.GetValue(at), approvals);
            stdout.WriteLine(parseResult.GetValue(format) == "json" ? DeployDecisionJson.Serialize(decision, time.Output(parseResult, policy)) : decision.Reason);
            return decision.IsAllowed ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }
}
