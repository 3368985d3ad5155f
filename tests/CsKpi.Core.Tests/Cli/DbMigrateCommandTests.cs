using CsKpi.Cli;
using CsKpi.Core.Data;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Tests.Cli;

public class DbMigrateCommandTests
{
    [Fact]
    public async Task Migrate_creates_the_schema_in_the_database_given_by_connection()
    {
        var connection = await TestCluster.CreateEmptyDatabaseAsync("t_cli_" + Guid.NewGuid().ToString("N")[..12]);

        var (exit, output, error) = await RunAsync(["db", "migrate", "--connection", connection]);

        exit.Should().Be(CliApp.Success, error);
        output.Should().Contain("up to date");
        await using var db = Database.CreateContext(connection);
        (await db.Database.GetAppliedMigrationsAsync()).Should().NotBeEmpty();
        (await db.Tickets.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Migrate_uses_CSKPI_CONNECTION_when_no_option_is_given_and_is_safe_to_repeat()
    {
        var connection = await TestCluster.CreateEmptyDatabaseAsync("t_cli_" + Guid.NewGuid().ToString("N")[..12]);
        string? Environment(string name) => name == Database.ConnectionVariable ? connection : null;

        (await RunAsync(["db", "migrate"], Environment)).Exit.Should().Be(CliApp.Success);
        (await RunAsync(["db", "migrate"], Environment)).Exit.Should().Be(CliApp.Success);

        await using var db = Database.CreateContext(connection);
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Option_wins_over_the_environment_variable()
    {
        var connection = await TestCluster.CreateEmptyDatabaseAsync("t_cli_" + Guid.NewGuid().ToString("N")[..12]);
        static string? Broken(string name) =>
            name == Database.ConnectionVariable ? "Host=127.0.0.1;Port=1;Username=x;Database=y;Timeout=2" : null;

        (await RunAsync(["db", "migrate", "--connection", connection], Broken)).Exit.Should().Be(CliApp.Success);
    }

    [Fact]
    public async Task An_unreachable_database_exits_1_with_a_one_line_reason()
    {
        var (exit, _, error) = await RunAsync(
            ["db", "migrate", "--connection", "Host=127.0.0.1;Port=1;Username=x;Database=y;Timeout=2"]);

        exit.Should().Be(CliApp.Failure);
        error.Trim().Split('\n').Should().ContainSingle()
            .Which.Should().StartWith("cskpi: ").And.Contain("127.0.0.1:1");
    }

    [Theory]
    [InlineData("db", "migrate", "--bogus")]
    [InlineData("db", "explode")]
    [InlineData("nonsense")]
    public async Task Wrong_usage_exits_2(params string[] args) =>
        (await RunAsync(args)).Exit.Should().Be(CliApp.Usage);

    internal static async Task<(int Exit, string Output, string Error)> RunAsync(
        string[] args, Func<string, string?>? environment = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, environment ?? (_ => null));
        return (exit, output.ToString(), error.ToString());
    }
}
