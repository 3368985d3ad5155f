using Npgsql;

namespace CsKpi.Core.Import;

/// <summary>
/// A bulk first load of tickets straight into the tickets table (issue #17's decision): the parsed rows are COPYed in
/// their final form, ids resolved here — agents and teams from maps of the (small) tables, customers from a map of
/// theirs, new customers and teams numbered here and written after — with the table's keys, indexes and insert
/// triggers dropped for the transaction and rebuilt before the commit. It skips the staging table and the INSERT …
/// SELECT from it, a second full write of every row. Anything it cannot write exactly as the staging path would (a
/// cell error, an unknown agent, a duplicate id) makes it give up, and the caller imports the file the staging way,
/// which lists every error.
/// </summary>
internal sealed class TicketsFirstLoad : IRowSink
{
    /// <summary>Files this large (some 30,000 ticket rows) are first-loaded in bulk; smaller ones are staged.
    /// </summary>
    internal const long BulkBytes = 2 << 20;

    /// <summary>Above this many customers the customers' map would cost more memory than the load saves.</summary>
    private const long MaxCustomers = 5_000_000;

    private const string Copy = "COPY tickets (id, source_id, created_at, channel, customer_id, agent_id, team_id, "
        + "priority, category, first_response_at, resolved_at, reopened) FROM STDIN (FORMAT BINARY)";

    private readonly StagingCopy _copy;
    private readonly Dictionary<string, int> _agents;
    private readonly Dictionary<string, int> _teams;
    private readonly Dictionary<string, int> _customers;
    private readonly List<(int Id, string Name)> _newTeams = [];
    private readonly List<(int Id, string SourceId)> _newCustomers = [];
    private readonly object?[] _row = new object?[12];
    private long _nextTicket;
    private int _nextTeam;
    private int _nextCustomer;

    private TicketsFirstLoad(StagingCopy copy, Dictionary<string, int> agents, Dictionary<string, int> teams,
        Dictionary<string, int> customers, long nextTicket, int nextTeam, int nextCustomer)
    {
        (_copy, _agents, _teams, _customers) = (copy, agents, teams, customers);
        (_nextTicket, _nextTeam, _nextCustomer) = (nextTicket, nextTeam, nextCustomer);
    }

    /// <summary>Whether a row could not be written as the staging path would write it: the load must be redone.
    /// </summary>
    public bool GaveUp { get; private set; }

    public long Written { get; private set; }

    /// <summary>
    /// Whether a pass may load this way: tickets by id (not agents by name, which the staging path resolves), from
    /// a file large enough and readable again, into an empty tickets table (locked by the caller's check).
    /// </summary>
    public static bool Applies(ImportKind kind, bool agentsByName, Stream file, long bytes) =>
        kind == ImportKind.Tickets && !agentsByName && file.CanSeek && bytes >= BulkBytes;

    /// <summary>
    /// Prepares the load inside the caller's transaction (savepoint): locks customers and teams against other
    /// writers (their new rows are numbered here), reads the maps and drops what a bulk load goes without; null when
    /// the customers are too many to map. Returns the load and the statements that rebuild what was dropped.
    /// </summary>
    public static async Task<(TicketsFirstLoad Load, List<string> Rebuild)?> BeginAsync(NpgsqlConnection connection,
        CancellationToken cancellationToken)
    {
        await ImportStatements.ExecuteAsync(connection,
            "LOCK TABLE customers, teams IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        if (await ImportStatements.ScalarAsync<long>(connection, "SELECT count(*) FROM customers", cancellationToken)
            > MaxCustomers)
            return null;
        var agents = await MapAsync(connection, "SELECT source_id, id FROM agents", cancellationToken);
        var teams = await MapAsync(connection, "SELECT name, id FROM teams", cancellationToken);
        var customers = await MapAsync(connection, "SELECT source_id, id FROM customers", cancellationToken);

        var rebuild = await BulkLoad.DropSecondaryStructuresAsync(connection, "tickets", cancellationToken);
        // Into an empty customers table its bare customers go the same bulk way (their keys rebuilt first).
        if (customers.Count == 0)
            rebuild.InsertRange(0, await BulkLoad.DropSecondaryStructuresAsync(connection, "customers",
                cancellationToken));
        if (await ImportStatements.ScalarAsync<bool>(connection, ImportSql.RollupsBuilt, cancellationToken))
            await ImportStatements.ExecuteAsync(connection, ImportSql.RollupsStale, cancellationToken);
        // The repeat-contact flags are set by one statement after the COPY; its UPDATE must not fire the triggers
        // that would mark days or recompute the flags a second time.
        foreach (var trigger in ImportSql.TriggersSkippedByBulkTickets)
            rebuild.AddRange(await BulkLoad.DropTriggerAsync(connection, "tickets", trigger, cancellationToken));

        var nextTicket = await NextAsync(connection, "tickets", cancellationToken);
        var nextTeam = await NextAsync(connection, "teams", cancellationToken);
        var nextCustomer = await NextAsync(connection, "customers", cancellationToken);
        var copy = await StagingCopy.BeginAsync(connection, Copy, 12, cancellationToken);
        return (new TicketsFirstLoad(copy, agents, teams, customers, nextTicket, (int)nextTeam, (int)nextCustomer),
            rebuild);
    }

    /// <summary>A parsed tickets.csv row (ImportKinds column order) as the tickets row the staging path writes.
    /// </summary>
    public void Write(long line, object?[] values, (string[] Names, int[] Ratings)? dimensions)
    {
        if (GaveUp)
            return;
        int? agentId = null;
        if (values[4] is string agent)
            agentId = _agents.TryGetValue(agent, out var id) ? id : null;
        // A cell error or an unknown agent: the staging path reports them.
        if (values[0] is not string sourceId || values[1] is not DateTime || values[2] is not string
            || (values[4] is not null && agentId is null))
        {
            GaveUp = true;
            return;
        }
        _row[0] = _nextTicket++;
        _row[1] = sourceId;
        _row[2] = values[1];
        _row[3] = values[2];
        _row[4] = values[3] is string customer ? Customer(customer) : null;
        _row[5] = agentId;
        _row[6] = values[9] is string team ? Team(team) : null;
        _row[7] = values[10] ?? "normal";
        _row[8] = values[5];
        _row[9] = values[6];
        _row[10] = values[7];
        _row[11] = values[8] ?? false;
        _copy.WriteRow(_row);
        Written++;
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => _copy.CompleteAsync(cancellationToken);

    public Task CancelAsync() => _copy.CancelAsync();

    /// <summary>
    /// After the tickets' COPY: the new teams and bare customers, the sequences moved past the ids used, the
    /// repeat-contact flags, then what was dropped rebuilt (keys re-validated, indexes built once).
    /// </summary>
    public async Task FinishAsync(NpgsqlConnection connection, IEnumerable<string> rebuild,
        CancellationToken cancellationToken)
    {
        if (_newTeams.Count > 0)
            await InsertAsync(connection, "teams (id, name)", _newTeams, cancellationToken);
        if (_newCustomers.Count > 0)
            await InsertAsync(connection, "customers (id, source_id)", _newCustomers, cancellationToken);
        foreach (var table in new[] { "tickets", "teams", "customers" })
            await ImportStatements.ExecuteAsync(connection,
                $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table} HAVING count(*) > 0",
                cancellationToken);
        await ImportStatements.ExecuteAsync(connection, ImportSql.RepeatContactsOfFirstLoad, cancellationToken);
        foreach (var statement in rebuild)
            await ImportStatements.ExecuteAsync(connection, statement, cancellationToken);
    }

    private int Customer(string sourceId)
    {
        if (_customers.TryGetValue(sourceId, out var id))
            return id;
        id = _nextCustomer++;
        _customers.Add(sourceId, id);
        _newCustomers.Add((id, sourceId));
        return id;
    }

    private int Team(string name)
    {
        if (_teams.TryGetValue(name, out var id))
            return id;
        id = _nextTeam++;
        _teams.Add(name, id);
        _newTeams.Add((id, name));
        return id;
    }

    private static async Task<Dictionary<string, int>> MapAsync(NpgsqlConnection connection, string sql,
        CancellationToken cancellationToken)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            map.Add(reader.GetString(0), reader.GetInt32(1));
        return map;
    }

    /// <summary>The first id not yet handed out by the table's sequence (one draw; the table is locked against
    /// other writers, and the sequence is moved past the ids used at the end).</summary>
    private static Task<long> NextAsync(NpgsqlConnection connection, string table,
        CancellationToken cancellationToken) =>
        ImportStatements.ScalarAsync<long>(connection,
            $"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))", cancellationToken);

    private static async Task InsertAsync(NpgsqlConnection connection, string into, List<(int Id, string Text)> rows,
        CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {into} FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (id, text) in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(id, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(text, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
    }
}
