namespace IncidentPolicy.Orleans.Tests.Support;

/// <summary>Waits on a condition, polling, until a deadline; fails with what it waited for.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited {within} for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan within, string what) =>
        TrueAsync(() => Task.FromResult(condition()), within, what);
}
