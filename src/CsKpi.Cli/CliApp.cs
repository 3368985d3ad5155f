using System.CommandLine;
using CsKpi.Cli.Commands;

namespace CsKpi.Cli;

/// <summary>
/// <c>cskpi</c>: thin commands over CsKpi.Core. Exit codes (cli.md): 0 success, 2 wrong usage, 3 input rejected,
/// 1 anything else with a one-line reason (stack trace only with --verbose).
/// </summary>
public static class CliApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Rejected = 3;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        Func<string, string?>? environment = null)
    {
        var context = new CliContext(output, error, environment ?? Environment.GetEnvironmentVariable);
        var root = new RootCommand("CsKpi: customer-service KPIs from tickets, interactions, customers and surveys.")
        {
            CliContext.ConnectionOption,
            CliContext.VerboseOption,
        };
        root.Add(DbCommands.Create(context));
        root.Add(KpiCommands.Kpi(context));
        root.Add(KpiCommands.Drivers(context));
        root.Add(DemoCommands.Create(context));
        root.Add(ImportCommands.Create(context));
        root.Add(MappingCommands.Create(context));
        root.Add(UserCommands.Create(context));
        root.Add(new Command("bench", "Benchmarks (results in docs/performance.md).")
        {
            KpiBench.Create(context),
            OverviewBench.Create(context),
            ImportBench.Create(context),
            ParseBench.Create(context),
        });

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
                await error.WriteLineAsync(parseError.Message);
            await error.WriteLineAsync("Try 'cskpi --help'.");
            return Usage;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync(e.Message);
            return Usage;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"cskpi: {OneLine(e)}");
            if (parsed.GetValue(CliContext.VerboseOption))
                await error.WriteLineAsync(e.ToString());
            return Failure;
        }
    }

    /// <summary>The innermost message, on one line: what went wrong, not where.</summary>
    private static string OneLine(Exception e)
    {
        while (e is AggregateException { InnerException: { } inner }
            || (e.InnerException is not null
                && e.Message.Contains("see the inner exception", StringComparison.OrdinalIgnoreCase)))
            e = e.InnerException!;
        return e.Message.ReplaceLineEndings(" ").Trim();
    }
}

/// <summary>A usage mistake found after parsing (e.g. --to before --from): exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
