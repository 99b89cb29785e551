using IncidentPolicy.Serialization;

namespace IncidentPolicy.Cli.Tests;

public class RunbookCommandTests
{
    [Fact]
    public void Runbook_NoFilter_ListsEveryRunbook()
    {
        var (code, stdout, stderr) = CliRunner.Run("runbook");
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Equal("checkout-error-rate-spike  Checkout Error Rate Spike  services: checkout  tags: checkout-error-rate\n", stdout);
    }

    [Theory]
    [InlineData("--service", "checkout")]
    [InlineData("--tag", "checkout-error-rate")]
    [InlineData("--id", "checkout-error-rate-spike")]
    public void Runbook_ByServiceTagOrId_PrintsTheSeedRunbookMarkdown(string option, string value)
    {
        var (code, stdout, stderr) = CliRunner.Run("runbook", option, value);
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Equal(ResponsePolicy.Default.Runbooks[0].ToMarkdown(), stdout);
        Assert.StartsWith("## Runbook: Checkout Error Rate Spike\n", stdout);
        Assert.Contains("1. Payment provider outage (40% of incidents)", stdout);
    }

    [Theory]
    [InlineData("--service", "search")]
    [InlineData("--tag", "disk-full")]
    [InlineData("--id", "no-such-runbook")]
    public void Runbook_NothingMatches_Exit1WithWhatThePolicyHas(string option, string value)
    {
        var (code, stdout, stderr) = CliRunner.Run("runbook", option, value);
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Equal($"no runbook matches {option[2..]} {value}; the policy has checkout-error-rate-spike\n", stderr);
    }

    [Fact]
    public void Runbook_IdAndServiceThatDisagree_NothingMatches()
    {
        var (code, _, stderr) = CliRunner.Run("runbook", "--id", "checkout-error-rate-spike", "--service", "search");
        Assert.Equal(1, code);
        Assert.StartsWith("no runbook matches id checkout-error-rate-spike service search", stderr);
    }

    [Fact]
    public void Runbook_PolicyWithoutRunbooks_SaysSo()
    {
        var file = CliRunner.TempFile(PolicyJson.Serialize(ResponsePolicy.Default.WithRunbooks([])));
        var (code, stdout, stderr) = CliRunner.Run("runbook", "--policy", file);
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Equal("the policy has no runbooks\n", stderr);
    }

    [Fact]
    public void Runbook_UnknownOption_IsABadArgument()
    {
        var (code, _, stderr) = CliRunner.Run("runbook", "--colour", "red");
        Assert.Equal(2, code);
        Assert.NotEmpty(stderr);
    }
}
