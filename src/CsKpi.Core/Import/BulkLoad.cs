using Npgsql;

namespace CsKpi.Core.Import;

/// <summary>
/// A first load into an empty table, in bulk: what it drops for its transaction (indexes, keys, triggers) and the
/// statements that rebuild them. Only where nobody can read anything yet.
/// </summary>
internal static class BulkLoad
{
    /// <summary>First loads of this many rows or more into an empty table write in bulk (see
    /// <see cref="BulkLoad.DropSecondaryStructuresAsync"/>).</summary>
    internal const long BulkRows = 50_000;

    /// <summary>
    /// Whether the table is empty, and stays so until this transaction ends: the lock (taken only when it looks empty)
    /// lets readers in but no other writer, so a concurrent import cannot slip rows in before the plain INSERT.
    /// </summary>
    internal static async Task<bool> IsEmptyAsync(NpgsqlConnection connection, string table,
        CancellationToken cancellationToken)
    {
        var sql = $"SELECT NOT EXISTS (SELECT 1 FROM {table})";
        if (!await ImportStatements.ScalarAsync<bool>(connection, sql, cancellationToken))
            return false;
        await ImportStatements.ExecuteAsync(connection, $"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE",
            cancellationToken);
        return await ImportStatements.ScalarAsync<bool>(connection, sql, cancellationToken);
    }

    /// <summary>
    /// A bulk first load into an empty table is written faster without the table's indexes and keys: they are dropped
    /// in this transaction and rebuilt before commit — an index build instead of a million insertions, and one
    /// anti-join validating each foreign key instead of a check per row (the references were already checked on the
    /// staging table; re-adding the constraint proves them again). Its plain INSERT needs no index at all: inserting
    /// into the primary key cost a third of a million-row INSERT, building it afterwards a seventh of that; the foreign
    /// keys of other tables referencing it are dropped with it and re-added last (they reference an empty table, so
    /// they check nothing but nulls). Readers of an empty table wait for its first load; a table with rows is never
    /// treated so (its readers would wait for the whole import). Returns the statements that rebuild what was dropped,
    /// in the order to run them.
    /// </summary>
    internal static async Task<List<string>> DropSecondaryStructuresAsync(NpgsqlConnection connection, string table,
        CancellationToken cancellationToken)
    {
        // Step: the order of dropping; rebuilding runs the primary key first and the foreign keys referencing it last.
        var structures = new List<(string Drop, string Rebuild, int Step)>();
        await using (var list = new NpgsqlCommand("""
            SELECT 'ALTER TABLE ' || conrelid::regclass || ' DROP CONSTRAINT ' || quote_ident(conname),
                   'ALTER TABLE ' || conrelid::regclass || ' ADD CONSTRAINT ' || quote_ident(conname) || ' '
                       || pg_get_constraintdef(oid), 0
            FROM pg_constraint WHERE confrelid = $1::regclass AND conrelid <> confrelid AND contype = 'f'
            UNION ALL
            SELECT 'ALTER TABLE ' || $1 || ' DROP CONSTRAINT ' || quote_ident(conname),
                   'ALTER TABLE ' || $1 || ' ADD CONSTRAINT ' || quote_ident(conname) || ' '
                       || pg_get_constraintdef(oid), 1
            FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'
            UNION ALL
            SELECT 'DROP INDEX ' || quote_ident(c.relname), pg_get_indexdef(x.indexrelid), 2
            FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
            WHERE x.indrelid = $1::regclass AND NOT x.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
            UNION ALL
            SELECT 'ALTER TABLE ' || $1 || ' DROP CONSTRAINT ' || quote_ident(conname),
                   'ALTER TABLE ' || $1 || ' ADD CONSTRAINT ' || quote_ident(conname) || ' '
                       || pg_get_constraintdef(oid), 3
            FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'
            ORDER BY 3
            """, connection) { Parameters = { new() { Value = table } } })
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                structures.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }
        foreach (var structure in structures)
            await ImportStatements.ExecuteAsync(connection, structure.Drop, cancellationToken);
        return structures.OrderBy(s => s.Step == 0 ? int.MaxValue : s.Step).Select(s => s.Rebuild).ToList();
    }

    /// <summary>Drops a trigger for this transaction; returns the statement that re-creates it.</summary>
    internal static async Task<List<string>> DropTriggerAsync(NpgsqlConnection connection, string table, string trigger,
        CancellationToken cancellationToken)
    {
        await using var definition = new NpgsqlCommand(
            "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2", connection)
        {
            Parameters = { new() { Value = table }, new() { Value = trigger } },
        };
        if (await definition.ExecuteScalarAsync(cancellationToken) is not string create)
            return [];
        await ImportStatements.ExecuteAsync(connection, $"DROP TRIGGER {trigger} ON {table}", cancellationToken);
        return [create];
    }
}
