using System.CommandLine;
using CsKpi.Cli.LocalDatabase;
using CsKpi.Core.Data;

namespace CsKpi.Cli.Commands;

/// <summary>
/// <c>cskpi db migrate</c> (cli.md), and the local development cluster: <c>db up</c> starts it and prints its
/// connection string (scripts/run.sh passes it to the web app), <c>db down</c> stops it, <c>db status</c> tells.
/// </summary>
internal static class DbCommands
{
    public static Command Create(CliContext context)
    {
        var migrate = new Command("migrate", "Create or upgrade the database schema (safe to run again).");
        migrate.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            await Database.MigrateAsync(connection, cancellationToken);
            await context.Output.WriteLineAsync("Database is up to date.");
            return CliApp.Success;
        }, cancellationToken));

        var up = new Command("up",
            "Start the local PostgreSQL (created on first use) and print its connection string; it keeps running.");
        up.SetAction(async (_, cancellationToken) =>
        {
            var local = LocalPostgres.Development();
            var started = await local.StartAsync(cancellationToken);
            // The connection string alone on stdout, so CSKPI_CONNECTION="$(cskpi db up)" works.
            var where = $"the local PostgreSQL in {local.DataDirectory}, port {local.Port}";
            await context.Error.WriteLineAsync(started ? $"Started {where}." : $"Already running: {where}.");
            await context.Output.WriteLineAsync(local.ConnectionString());
            return CliApp.Success;
        });

        var down = new Command("down", "Stop the local PostgreSQL (its data stays).");
        down.SetAction(async (_, cancellationToken) =>
        {
            var local = LocalPostgres.Development();
            var running = await local.IsRunningAsync(cancellationToken);
            await local.StopAsync(cancellationToken);
            await context.Output.WriteLineAsync(running ? "Stopped the local PostgreSQL." : "It was not running.");
            return CliApp.Success;
        });

        var status = new Command("status", "Print 'running' or 'stopped' for the local PostgreSQL, and where it is.");
        status.SetAction(async (_, cancellationToken) =>
        {
            var local = LocalPostgres.Development();
            var running = await local.IsRunningAsync(cancellationToken);
            await context.Output.WriteLineAsync(
                $"{(running ? "running" : "stopped")} {local.DataDirectory} port {local.Port}");
            return CliApp.Success;
        });

        return new Command("db", "Database maintenance, and the local PostgreSQL for development.")
        {
            migrate, up, down, status,
        };
    }
}
