using CsKpi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CsKpi.Core.Kpis.Rollups;

/// <summary>Plain commands on the context's connection: the rollups are read and written in hand-written SQL.</summary>
internal static class RollupSql
{
    /// <summary>The rows of one query on the context's connection, each read by <paramref name="row"/>.</summary>
    public static async Task<List<T>> ReadAsync<T>(KpiDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters,
        Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.AddRange(parameters.ToArray());
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(row(reader));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is null or DBNull ? default! : (T)result;
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
