using Npgsql;

namespace CsKpi.Core.Import;

/// <summary>The import's plain SQL calls on its one connection and transaction.</summary>
internal static class ImportStatements
{
    internal static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    internal static async Task CollectAsync(NpgsqlConnection connection, string sql, ImportErrors errors,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            errors.Add(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.FieldCount > 4 && !reader.IsDBNull(4) ? reader.GetString(4) : null);
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
