using Spectre.Console;

namespace CsKpi.Cli.Commands;

/// <summary>
/// A progress bar for long work (imports, demo data) on stderr with Spectre.Console, so stdout stays the command's
/// result; nothing at all when stderr is redirected or in CI (cli.md: "progress on a terminal, quiet otherwise").
/// </summary>
internal static class TerminalProgress
{
    /// <summary>
    /// Runs <paramref name="work"/> with a progress reporter that moves one bar, or with none off a terminal.
    /// </summary>
    /// <param name="describe">What a report means for the bar: done, out of, and what is being done.</param>
    public static async Task<T> RunAsync<T, TProgress>(CliContext context, string title,
        Func<TProgress, (double Done, double Total, string Stage)> describe, Func<IProgress<TProgress>?, Task<T>> work)
    {
        if (!IsTerminal(context))
            return await work(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(
                new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var bar = progress.AddTask(title);
                var reporter = new Progress<TProgress>(p =>
                {
                    var (done, total, stage) = describe(p);
                    bar.MaxValue = Math.Max(total, 1);
                    bar.Value = Math.Min(done, bar.MaxValue);
                    bar.Description = $"{title}: {Markup.Escape(stage)}";
                });
                var result = await work(reporter);
                bar.Value = bar.MaxValue;
                return result;
            });
    }

    public static bool IsTerminal(CliContext context) =>
        !Console.IsErrorRedirected && context.Environment("CI") is not { Length: > 0 }
        && ReferenceEquals(context.Error, Console.Error);
}
