namespace CsKpi.Tests.Infrastructure;

/// <summary>
/// Waits for a condition by polling it, failing with <paramref name="what"/> past a deadline: tests wait on what
/// they need to see, never for a guessed time (two shared cores make any guess wrong sometimes).
/// </summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(1));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Not within {within ?? TimeSpan.FromMinutes(1)}: {what}.");
            await Task.Delay(50); // the polling interval, not a guess at how long the work takes
        }
    }
}
