using IncidentPolicy.Orleans.Hosting;
using IncidentPolicy.Orleans.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;
using Orleans.Hosting;

namespace IncidentPolicy.Orleans.Tests.Hosting;

public sealed class RegistrationTests
{
    private static IServiceProvider Build(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            configure(silo);
        });
        return builder.Services.BuildServiceProvider();
    }

    [Fact]
    public void AddIncidentPolicy_OneLine_RegistersPolicyClockOptionsAndStore()
    {
        var services = Build(silo => silo.AddIncidentPolicy(ResponsePolicy.Default, o => o.ReminderPeriod = TimeSpan.FromMinutes(2)).AddInMemoryIncidentEventStore());

        Assert.Same(ResponsePolicy.Default, services.GetRequiredService<CurrentPolicy>().Policy);
        Assert.IsType<InMemoryIncidentEventStore>(services.GetRequiredService<IIncidentEventStore>());
        Assert.NotNull(services.GetRequiredService<IClock>());
        Assert.Equal(TimeSpan.FromMinutes(2), services.GetRequiredService<IOptions<IncidentGrainOptions>>().Value.ReminderPeriod);
    }

    [Fact]
    public void AddIncidentPolicy_FromFile_ReadsThePolicy()
    {
        var path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, PolicyJson.Serialize(ResponsePolicy.Default));
        try
        {
            var services = Build(silo => silo.AddIncidentPolicy(path));

            Assert.Equal(ResponsePolicy.Default.ContentHash, services.GetRequiredService<CurrentPolicy>().Policy.ContentHash);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AddIncidentPolicy_MissingFile_PolicyValidationException()
    {
        var error = Assert.Throws<PolicyValidationException>(() => Build(silo => silo.AddIncidentPolicy("/no/such/policy.json")));

        Assert.Contains("/no/such/policy.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIncidentPolicy_NonPositiveReminderPeriod_ArgumentExceptionNamesTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => Build(silo => silo.AddIncidentPolicy(ResponsePolicy.Default, o => o.ReminderPeriod = TimeSpan.Zero)));

        Assert.Contains("ReminderPeriod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIncidentPolicy_MaxRetryDelayBelowRetryDelay_ArgumentExceptionNamesBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => Build(silo => silo.AddIncidentPolicy(
            ResponsePolicy.Default, o => (o.RetryDelay, o.MaxRetryDelay) = (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20)))));

        Assert.Contains("MaxRetryDelay (00:00:20) must not be less than RetryDelay (00:00:30)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIncidentPolicy_MaxRetryDelay_CopiedToTheGrainsOptions()
    {
        var services = Build(silo => silo.AddIncidentPolicy(ResponsePolicy.Default, o => o.MaxRetryDelay = TimeSpan.FromMinutes(3)));

        Assert.Equal(TimeSpan.FromMinutes(3), services.GetRequiredService<IOptions<IncidentGrainOptions>>().Value.MaxRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(1), new IncidentGrainOptions().MaxRetryDelay);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 60)]
    [InlineData(50, 60)]
    [InlineData(int.MaxValue, 60)]
    public void RetryDelayAfter_DoublesFromTheFirstUpToTheMaximum(int failures, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), IncidentPolicy.Orleans.Grains.IncidentGrain.RetryDelayAfter(failures, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void AddIncidentPolicy_NonPositiveRetryDelay_ArgumentExceptionNamesTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => Build(silo => silo.AddIncidentPolicy(ResponsePolicy.Default, o => o.RetryDelay = TimeSpan.FromSeconds(-1))));

        Assert.Contains("RetryDelay", error.Message, StringComparison.Ordinal);
    }
    [Fact]
    public void AddNamedIncidentPolicy_RegistersEachNameBesidesTheDefault()
    {
        var services = Build(silo => silo.AddIncidentPolicy(ResponsePolicy.Default).AddNamedIncidentPolicy("payments", Support.Policies.Fast));
        var current = services.GetRequiredService<CurrentPolicy>();

        Assert.Equal(["default", "payments"], current.Names);
        Assert.Same(Support.Policies.Fast, current.Find("payments"));
        Assert.Same(ResponsePolicy.Default, current.Find(null));
        Assert.Same(ResponsePolicy.Default, current.Find("default"));
        Assert.Null(current.Find("Payments"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-payments")]
    [InlineData("pay ments")]
    [InlineData("paymënts")]
    [InlineData("default")]
    public void AddNamedIncidentPolicy_BadOrReservedName_ArgumentExceptionQuotingIt(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Build(silo => silo.AddIncidentPolicy(ResponsePolicy.Default).AddNamedIncidentPolicy(name, Support.Policies.Fast)));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNamedIncidentPolicy_NameTooLong_Refused()
    {
        Assert.True(IncidentPolicySiloBuilderExtensions.IsValidPolicyName(new string('a', 64)));
        Assert.False(IncidentPolicySiloBuilderExtensions.IsValidPolicyName(new string('a', 65)));
        Assert.False(IncidentPolicySiloBuilderExtensions.IsValidPolicyName(null));
    }

    [Fact]
    public void AddNamedIncidentPolicy_SameNameTwice_ArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => Build(silo => silo.AddIncidentPolicy(ResponsePolicy.Default)
            .AddNamedIncidentPolicy("payments", Support.Policies.Fast)
            .AddNamedIncidentPolicy("payments", ResponsePolicy.Default)));

        Assert.Contains("already registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNamedIncidentPolicy_FromFile_ReadsIt_MissingFileListsThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, PolicyJson.Serialize(Support.Policies.Fast));
        try
        {
            var services = Build(silo => silo.AddIncidentPolicy(ResponsePolicy.Default).AddNamedIncidentPolicy("payments", path));

            Assert.Equal(Support.Policies.Fast.ContentHash, services.GetRequiredService<CurrentPolicy>().Find("payments")!.ContentHash);
        }
        finally
        {
            File.Delete(path);
        }

        var error = Assert.Throws<PolicyValidationException>(() => Build(silo => silo.AddNamedIncidentPolicy("payments", "/no/such/payments.json")));
        Assert.Contains("/no/such/payments.json", error.Message, StringComparison.Ordinal);
    }
}
