using System.Text;
using CsKpi.Core.Import;
using CsKpi.Tests.Infrastructure;
using Npgsql;

namespace CsKpi.Core.Tests.Import;

internal static class Importing
{
    public static Task<ImportSummary> ImportAsync(TestDatabase database, ImportKind kind, string csv,
        ImportOptions? options = null, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        if (bom)
            bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        return new CsvImporter(database.ConnectionString).ImportAsync(kind, new MemoryStream(bytes), kind.Code()
            + ".csv", "tester", options ?? new ImportOptions());
    }

    public const string Agents = "agent_id,name,email,team\nA1,Anna Rossi,anna@example.com,Blue\nA2,Piotr Nowak,,Red\n";

    /// <summary>Every data table's rows as text: equal snapshots mean nothing changed.</summary>
    public static async Task<string> SnapshotAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var snapshot = new StringBuilder();
        foreach (var table in new[] { "teams", "agents", "customers", "tickets", "interactions", "survey_responses",
            "dimension_ratings" })
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') " +
                $"FROM {table} t", connection);
            snapshot.Append(table).Append('=').Append(await command.ExecuteScalarAsync()).Append('\n');
        }
        return snapshot.ToString();
    }

    public static async Task<T?> ScalarAsync<T>(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }
}
