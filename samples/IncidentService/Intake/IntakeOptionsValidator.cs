using Microsoft.Extensions.Options;

namespace IncidentService.Intake;

/// <summary>Checks <see cref="IntakeOptions"/> at start-up with <see cref="IntakeSettings.Create"/>, so a bad routing
/// file or an unknown role stops the service with every problem listed instead of surfacing on the first alert.</summary>
internal sealed class IntakeOptionsValidator(IntakePolicies policies, IHostEnvironment environment) : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var problems = new List<string>();
        return IntakeSettings.Create(options, policies, environment.ContentRootPath, problems) is null
            ? ValidateOptionsResult.Fail(problems)
            : ValidateOptionsResult.Success;
    }
}
