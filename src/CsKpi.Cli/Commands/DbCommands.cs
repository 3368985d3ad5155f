using System.CommandLine;
using CsKpi.Core.Data;

namespace CsKpi.Cli.Commands;

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

        return new Command("db", "Database maintenance.") { migrate };
    }
}
