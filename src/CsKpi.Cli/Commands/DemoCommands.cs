using System.CommandLine;
using CsKpi.Core.Data;
using CsKpi.Core.Demo;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Cli.Commands;

/// <summary>
/// <c>cskpi demo [--tickets N] [--seed N]</c>: deterministic demo data into an empty (or --replace'd) database;
/// <c>cskpi demo --remove</c>: the demo data out again, and nothing else.
/// </summary>
internal static class DemoCommands
{
    public static Command Create(CliContext context)
    {
        var tickets = new Option<int>("--tickets")
        {
            Description = "How many tickets (interactions, surveys and customers scale with it).",
            DefaultValueFactory = _ => DemoData.DefaultTickets,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Same seed (and --until) = same data.",
            DefaultValueFactory = _ => 42,
        };
        var until = new Option<string?>("--until")
        {
            Description = "Generate as if loaded at the start of this day (yyyy-MM-dd, default: now).",
        };
        var days = new Option<int>("--days")
        {
            Description = "Days of history before the load moment's day.",
            DefaultValueFactory = _ => DemoData.DefaultDays,
        };
        var replace = new Option<bool>("--replace")
        {
            Description = "Delete every record first (otherwise the database must be empty).",
        };
        var remove = new Option<bool>("--remove")
        {
            Description = "Delete the demo data and nothing else (imported records stay).",
        };
        var command = new Command("demo", "Load realistic, deterministic demo data.")
        {
            tickets, seed, until, days, replace, remove,
        };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            if (parsed.GetValue(remove))
            {
                await Database.MigrateAsync(connection, cancellationToken);
                await RemoveAsync(context, connection, cancellationToken);
                return CliApp.Success;
            }
            DateOnly? untilDate = null;
            if (parsed.GetValue(until) is { } text)
            {
                untilDate = DateOnly.TryParseExact(text, "yyyy-MM-dd",
                        System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None,
                        out var d)
                    ? d : throw new UsageException($"--until '{text}' is not a date (yyyy-MM-dd).");
            }
            if (parsed.GetValue(tickets) <= 0 || parsed.GetValue(days) <= 0)
                throw new UsageException("--tickets and --days must be positive.");

            await Database.MigrateAsync(connection, cancellationToken);
            await using (var db = Database.CreateContext(connection))
            {
                if (parsed.GetValue(replace))
                    await db.Database.ExecuteSqlRawAsync(
                        "TRUNCATE dimension_ratings, survey_responses, interactions, tickets, customers, targets, " +
                        "agents, teams, import_runs RESTART IDENTITY CASCADE", cancellationToken);
                else if (!await Database.IsEmptyAsync(db, cancellationToken))
                    throw new InvalidOperationException(
                        "The database already holds data: demo data goes into an empty database (or pass --replace).");
            }
            var started = System.Diagnostics.Stopwatch.StartNew();
            var options = new DemoOptions(
                parsed.GetValue(tickets), parsed.GetValue(seed), untilDate, parsed.GetValue(days));
            await DemoProgressBar.RunAsync(context, "Generating demo data",
                progress => DemoData.LoadAsync(connection, options, progress, cancellationToken: cancellationToken));
            await context.Output.WriteLineAsync(
                $"Loaded {parsed.GetValue(tickets):N0} demo tickets with their interactions, surveys and customers " +
                $"in {started.Elapsed.TotalSeconds:0.0} s.");
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task RemoveAsync(CliContext context, string connection, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var removed = await DemoRemoval.RemoveAsync(connection, cancellationToken);
        if (removed.Total == 0 && removed.Kept == 0)
        {
            await context.Output.WriteLineAsync("No demo data to remove.");
            return;
        }
        await context.Output.WriteLineAsync(
            $"Removed the demo data in {started.Elapsed.TotalSeconds:0.0} s: {removed.Tickets:N0} tickets, " +
            $"{removed.Interactions:N0} interactions, {removed.SurveyResponses:N0} survey responses, " +
            $"{removed.Customers:N0} customers, {removed.Agents:N0} agents, {removed.Teams:N0} teams.");
        if (removed.Kept > 0)
            await context.Output.WriteLineAsync(
                $"Kept {removed.Kept:N0} demo records that imported records refer to; they count as imported now.");
    }
}

/// <summary>Demo data's progress (tickets generated and written) as a bar on a terminal.</summary>
internal static class DemoProgressBar
{
    public static Task RunAsync(CliContext context, string title, Func<IProgress<DemoProgress>?, Task> work) =>
        TerminalProgress.RunAsync<bool, DemoProgress>(context, title, p => (p.Done, p.Total, p.Stage), async progress =>
        {
            await work(progress);
            return true;
        });
}
