using System.Text.RegularExpressions;
using CsKpi.Core.Data;
using CsKpi.Tests.Infrastructure;
using Npgsql;

namespace CsKpi.Core.Tests.Data;

/// <summary>The functions and triggers in the database are those of the files in Data/Sql, as the files say.</summary>
public partial class SqlFilesTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    /// <summary>Each function and trigger of the migrated database as PostgreSQL prints it back.</summary>
    private const string Definitions = """
        SELECT 'function ' || p.proname, pg_get_functiondef(p.oid)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 'trigger ' || t.tgname, pg_get_triggerdef(t.oid)
        FROM pg_trigger t WHERE NOT t.tgisinternal
        ORDER BY 1
        """;

    [Fact]
    public async Task Every_function_and_trigger_of_the_database_comes_from_a_file()
    {
        var files = SqlFiles.Names.Select(SqlFiles.Read).ToList();
        var declared = files.SelectMany(f => Declared().Matches(f))
            .Select(m => $"{(m.Groups["kind"].Value == "FUNCTION" ? "function" : "trigger")} {m.Groups["name"].Value}");

        var inDatabase = await ReadDefinitionsAsync(transaction: null);

        inDatabase.Keys.Should().BeEquivalentTo(declared);
    }

    [Fact]
    public async Task Applying_the_files_to_the_migrated_database_changes_nothing()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var before = await ReadDefinitionsAsync(connection, transaction: null);
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var apply = new NpgsqlCommand(SqlFiles.All(), connection, transaction))
            await apply.ExecuteNonQueryAsync();

        var after = await ReadDefinitionsAsync(connection, transaction);

        after.Should().Equal(before, "a migration applies each file's current text (SqlFiles)");
        await transaction.RollbackAsync();
    }

    [Theory]
    [InlineData("2026-03-08T10:00Z", "2026-03-01T10:00Z", true)] // exactly 168 h before
    [InlineData("2026-03-08T10:00Z", "2026-03-01T09:59:59.999999Z", false)] // a microsecond more
    [InlineData("2026-03-08T10:00Z", "2026-03-08T09:59:59.999999Z", true)]
    [InlineData("2026-03-08T10:00Z", "2026-03-08T10:00Z", false)] // the same instant is not before
    [InlineData("2026-03-08T10:00Z", null, false)] // no earlier ticket
    public async Task Repeat_contact_is_an_earlier_ticket_in_the_168_hours_before(string createdAt, string? earlier,
        bool repeat)
    {
        (await RepeatContactAsync(1, createdAt, earlier)).Should().Be(repeat);
        (await RepeatContactAsync(null, createdAt, earlier)).Should()
            .BeFalse("a ticket without a customer is no repeat");
    }

    private async Task<bool> RepeatContactAsync(int? customer, string createdAt, string? earlier)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT cskpi_repeat_contact($1::integer, $2::timestamptz, $3::timestamptz)", connection)
        {
            Parameters =
            {
                new() { Value = (object?)customer ?? DBNull.Value },
                new() { Value = createdAt },
                new() { Value = (object?)earlier ?? DBNull.Value },
            },
        };
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Dictionary<string, string>> ReadDefinitionsAsync(NpgsqlTransaction? transaction)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return await ReadDefinitionsAsync(connection, transaction);
    }

    private static async Task<Dictionary<string, string>> ReadDefinitionsAsync(NpgsqlConnection connection,
        NpgsqlTransaction? transaction)
    {
        var definitions = new Dictionary<string, string>();
        await using var command = new NpgsqlCommand(Definitions, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            definitions.Add(reader.GetString(0), reader.GetString(1));
        return definitions;
    }

    [GeneratedRegex(@"^CREATE OR REPLACE (?<kind>FUNCTION|TRIGGER) (public\.)?(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex Declared();
}
