using System.CommandLine;
using CsKpi.Cli.LocalDatabase;
using CsKpi.Core.Data;

namespace CsKpi.Cli;

/// <summary>What every command needs: the output streams and the database (cli.md's connection resolution).</summary>
public sealed class CliContext(TextWriter output, TextWriter error, Func<string, string?> environment)
{
    public static readonly Option<string?> ConnectionOption = new("--connection")
    {
        Description = "Npgsql connection string (default: CSKPI_CONNECTION, else the local PostgreSQL).",
        Recursive = true,
    };

    public static readonly Option<bool> VerboseOption = new("--verbose")
    {
        Description = "Show stack traces on failure.",
        Recursive = true,
    };

    public TextWriter Output { get; } = output;

    /// <summary>Environment variables (injectable, so tests don't touch the process environment).</summary>
    public string? Environment(string name) => environment(name);
    public TextWriter Error { get; } = error;

    /// <summary>
    /// Runs <paramref name="work"/> against the database: --connection, else CSKPI_CONNECTION, else the local
    /// PostgreSQL, which is started for the command and stopped again if it was not already running.
    /// </summary>
    public async Task<int> WithDatabaseAsync(
        ParseResult parsed, Func<string, Task<int>> work, CancellationToken cancellationToken)
    {
        var configured = Database.ConfiguredConnectionString(parsed.GetValue(ConnectionOption), environment);
        if (configured is not null)
            return await work(configured);

        var local = LocalPostgres.Development();
        var startedHere = await local.StartAsync(cancellationToken);
        try
        {
            return await work(local.ConnectionString());
        }
        finally
        {
            if (startedHere)
                await local.StopAsync(CancellationToken.None);
        }
    }
}
