using System.CommandLine;
using CsKpi.Core.Data;
using CsKpi.Core.Demo;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Cli.Commands;

/// <summary><c>cskpi demo [--tickets N] [--seed N]</c>: deterministic demo data into an empty (or --replace'd) database.</summary>
internal static class DemoCommands
{
    public static Command Create(CliContext context)
    {
        var tickets = new Option<int>("--tickets") { Description = "How many tickets (interactions, surveys and customers scale with it).", DefaultValueFactory = _ => DemoData.DefaultTickets };
        var seed = new Option<int>("--seed") { Description = "Same seed (and --until) = same data.", DefaultValueFactory = _ => 42 };
        var until = new Option<string?>("--until") { Description = "Day after the last generated day (yyyy-MM-dd, default: tomorrow)." };
        var days = new Option<int>("--days") { Description = "Days of history.", DefaultValueFactory = _ => 180 };
        var replace = new Option<bool>("--replace") { Description = "Delete every record first (otherwise the database must be empty)." };
        var command = new Command("demo", "Load realistic, deterministic demo data.") { tickets, seed, until, days, replace };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            DateOnly? untilDate = null;
            if (parsed.GetValue(until) is { } text)
            {
                untilDate = DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
                    ? d : throw new UsageException($"--until '{text}' is not a date (yyyy-MM-dd).");
            }
            if (parsed.GetValue(tickets) <= 0 || parsed.GetValue(days) <= 0)
                throw new UsageException("--tickets and --days must be positive.");

            await Database.MigrateAsync(connection, cancellationToken);
            await using (var db = Database.CreateContext(connection))
            {
                if (parsed.GetValue(replace))
                    await db.Database.ExecuteSqlRawAsync("TRUNCATE dimension_ratings, survey_responses, interactions, tickets, customers, targets, agents, teams, import_runs RESTART IDENTITY CASCADE", cancellationToken);
                else if (!await Database.IsEmptyAsync(db, cancellationToken))
                    throw new InvalidOperationException("The database already holds data: demo data goes into an empty database (or pass --replace).");
            }
            var progress = ProgressReporter.ForTerminal(context, "Generating demo data");
            var started = System.Diagnostics.Stopwatch.StartNew();
            await DemoData.LoadAsync(connection, new DemoOptions(parsed.GetValue(tickets), parsed.GetValue(seed), untilDate, parsed.GetValue(days)),
                progress, cancellationToken);
            await context.Output.WriteLineAsync($"Loaded {parsed.GetValue(tickets):N0} demo tickets with their interactions, surveys and customers in {started.Elapsed.TotalSeconds:0.0} s.");
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }
}

/// <summary>Progress on a terminal (one updating line on stderr); nothing when output is redirected or in CI.</summary>
internal static class ProgressReporter
{
    public static IProgress<DemoProgress>? ForTerminal(CliContext context, string title) =>
        IsTerminal(context) ? new Progress<DemoProgress>(p => context.Error.Write($"\r{title}: {p.Stage} {p.Done:N0}/{p.Total:N0}   ")) : null;

    public static bool IsTerminal(CliContext context) =>
        !Console.IsErrorRedirected && context.Environment("CI") is not { Length: > 0 } && ReferenceEquals(context.Error, Console.Error);
}
