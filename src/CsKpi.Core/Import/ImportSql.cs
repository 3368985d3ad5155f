namespace CsKpi.Core.Import;

/// <summary>
/// The SQL of each kind: reference checks against the database (on the staging table), and the upsert by source id
/// that reports which rows it inserted (xmax = 0) or changed; unchanged rows are left alone (IS DISTINCT FROM). Into an
/// empty table, a first load: the same rows by plain INSERT.
/// </summary>
internal static class ImportSql
{
    /// <summary>
    /// Queries returning (line, column, value, reason[, argument]) for rows that point at records that do not exist;
    /// a reason is a fixed text, <c>{0}</c> in it standing for the argument (ImportError).
    /// </summary>
    public static IReadOnlyList<string> ReferenceChecks(ImportKind kind) => kind switch
    {
        ImportKind.Agents or ImportKind.Customers => [],
        ImportKind.Tickets => [Missing("agent_id", "agents", "unknown agent: import it in agents.csv first")],
        ImportKind.Interactions =>
        [
            Missing("ticket_id", "tickets", "unknown ticket: import it in tickets.csv first"),
            Missing("agent_id", "agents", "unknown agent: import it in agents.csv first"),
        ],
        ImportKind.Surveys =>
        [
            Missing("ticket_id", "tickets", "unknown ticket: import it in tickets.csv first"),
            Missing("agent_id", "agents", "unknown agent: import it in agents.csv first"),
        ],
    };

    /// <summary>The reason of a repeated id; its argument is the line of the first.</summary>
    public const string DuplicateId = "duplicate id: also on line {0}";

    /// <summary>Ids that appear more than once in the file: every repeat is an error, pointing at the first.</summary>
    public static string Duplicates(string idColumn) => $"""
        WITH repeated AS (SELECT {idColumn} AS id, min(line) AS first_line FROM import_staging
                          WHERE {idColumn} IS NOT NULL GROUP BY {idColumn} HAVING count(*) > 1)
        SELECT s.line, '{idColumn}', s.{idColumn}, '{DuplicateId}', r.first_line::text
        FROM import_staging s JOIN repeated r ON r.id = s.{idColumn} WHERE s.line <> r.first_line ORDER BY s.line
        """;

    /// <summary>
    /// Agent names (agents by name) that more than one agent answers to: the file must give ids instead.
    /// </summary>
    public const string AmbiguousAgentNames = """
        SELECT s.line, 'agent_id', s.agent_id, 'several agents have this name: give the agent id instead'
        FROM import_staging s
        WHERE s.agent_id IS NOT NULL AND (SELECT count(*) FROM agents a WHERE lower(a.name) = lower(s.agent_id)) > 1
        ORDER BY s.line
        """;

    /// <summary>
    /// Agent names become the agents' ids; a name no agent has stays as written, and is then checked as an id.
    /// </summary>
    public const string AgentIdsFromNames = """
        UPDATE import_staging s SET agent_id = a.source_id FROM agents a
        WHERE lower(a.name) = lower(s.agent_id) AND a.source_id <> s.agent_id
          AND NOT EXISTS (SELECT 1 FROM agents b WHERE lower(b.name) = lower(s.agent_id) AND b.id <> a.id)
        """;

    /// <summary>
    /// Agents named in a file and known neither by name nor by id: created once each (the name is their id), with
    /// the team of the first row naming them; teams created on first use. Known agents are left as they are.
    /// </summary>
    public static readonly IReadOnlyList<string> NewAgents =
    [
        """
        CREATE TEMP TABLE import_new_agents ON COMMIT DROP AS
        SELECT DISTINCT ON (lower(s.name)) s.agent_id, s.name, s.team FROM import_staging s
        WHERE NOT EXISTS (SELECT 1 FROM agents a WHERE lower(a.name) = lower(s.name) OR a.source_id = s.agent_id)
        ORDER BY lower(s.name), s.line
        """,
        "INSERT INTO teams (name) SELECT DISTINCT team FROM import_new_agents WHERE team IS NOT NULL " +
        "ON CONFLICT (name) DO NOTHING",
        "INSERT INTO agents (source_id, name, team_id) SELECT n.agent_id, n.name, t.id " +
        "FROM import_new_agents n LEFT JOIN teams t ON t.name = n.team",
    ];

    /// <summary>The table each kind writes its rows to.</summary>
    public static string Table(ImportKind kind) => kind switch
    {
        ImportKind.Agents => "agents",
        ImportKind.Customers => "customers",
        ImportKind.Tickets => "tickets",
        ImportKind.Interactions => "interactions",
        ImportKind.Surveys => "survey_responses",
    };

    private static string Missing(string column, string table, string reason) => $"""
        SELECT s.line, '{column}', s.{column}, '{reason}' FROM import_staging s
        WHERE s.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {table} x WHERE x.source_id = s.{column})
        ORDER BY s.line
        """;

    /// <summary>
    /// Statements that write the staged rows; each reports affected rows into import_affected (id, inserted).
    /// </summary>
    public static IReadOnlyList<string> Upsert(ImportKind kind) =>
        [.. Before(kind), Upserting(Rows(kind, firstLoad: false)),
            .. kind == ImportKind.Surveys ? [DimensionRatingsUpsert] : Array.Empty<string>()];

    /// <summary>
    /// Statements that write the staged rows into an empty table: plain INSERTs, no ON CONFLICT and no affected-rows
    /// list (every staged row is inserted). Tickets get their repeat-contact flags in the same statement, from the
    /// staged rows alone since there are no others — the caller drops the insert trigger that would compute them
    /// again.
    /// </summary>
    public static IReadOnlyList<string> FirstLoad(ImportKind kind, bool intoEmptyCustomers)
    {
        var rows = Rows(kind, firstLoad: true);
        return [.. Before(kind, customersNumbered: intoEmptyCustomers),
            .. Numbered(rows.Table, rows.Columns, rows.Select),
            .. kind == ImportKind.Surveys ? [DimensionRatingsFirstLoad] : Array.Empty<string>()];
    }

    /// <summary>
    /// A plain INSERT into an empty table whose ids are numbered from one draw of its identity sequence instead of a
    /// nextval per row (7 % of a million-row insert); then the sequence moves past the ids used (none: left as it is).
    /// </summary>
    private static string[] Numbered(string table, string[] columns, string select) =>
    [
        $"""
        INSERT INTO {table} (id, {string.Join(", ", columns)})
        SELECT (SELECT nextval(pg_get_serial_sequence('{table}', 'id'))) - 1 + row_number() OVER (), r.*
        FROM ({select}) r
        """,
        $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}",
    ];

    /// <summary>
    /// Insert triggers a first load goes without, dropped for its transaction: the repeat-contact trigger, whose work
    /// <see cref="FirstLoad"/> does itself (KpiFunctions migration), and if asked the rollups' day marking (a bulk
    /// load, which marks built rollups stale instead, see <see cref="RollupsStale"/>): its transition table would hold
    /// a copy of every row (an eighth of a million-row INSERT).
    /// </summary>
    public static IEnumerable<string> TriggersSkippedByFirstLoad(ImportKind kind, bool skipRollupMarking)
    {
        if (kind == ImportKind.Tickets)
            yield return "tr_tickets_repeat_contact_insert";
        if (skipRollupMarking && MarksRollups(kind))
            yield return Table(kind) + "_rollup_insert";
    }

    /// <summary>Whether the kind's table has a trigger marking the rollups' days (DailyRollups migration).</summary>
    public static bool MarksRollups(ImportKind kind) =>
        kind is ImportKind.Tickets or ImportKind.Interactions or ImportKind.Surveys;

    /// <summary>
    /// Whether the rollups are built (cskpi_rollup_zone, DailyRollups migration). It takes the lock the rollups'
    /// triggers share for the rest of the transaction, so no refresh can build them before this import commits.
    /// </summary>
    public const string RollupsBuilt = "SELECT cskpi_rollup_zone() IS NOT NULL";

    /// <summary>Built rollups are rebuilt whole by the next refresh (run after <see cref="RollupsBuilt"/>, its lock).
    /// </summary>
    public const string RollupsStale = "UPDATE kpi_rollup_state SET stale = true WHERE NOT stale";

    /// <summary>
    /// What a row needs to exist first: teams of agents and tickets, bare customers of tickets and survey responses;
    /// into an empty customers table, the customers numbered as a first load numbers its rows.
    /// </summary>
    private static string[] Before(ImportKind kind, bool customersNumbered = false)
    {
        string[] customers = customersNumbered
            ? Numbered("customers", ["source_id"], StagedCustomerIds)
            : [StagedCustomers];
        return kind switch
        {
            ImportKind.Agents => [StagedTeams],
            ImportKind.Tickets => [StagedTeams, .. customers],
            ImportKind.Surveys => customers,
            ImportKind.Customers or ImportKind.Interactions => [],
        };
    }

    /// <summary>Teams are created on first use (csv-formats.md), by agents and by tickets.</summary>
    private const string StagedTeams =
        "INSERT INTO teams (name) SELECT DISTINCT team FROM import_staging WHERE team IS NOT NULL " +
        "ON CONFLICT (name) DO NOTHING";

    /// <summary>
    /// A customer id not yet known creates a bare customer, which churn and retention ignore (csv-formats.md).
    /// Known ones are left out by an anti-join first: cheaper than a conflict per row, and burns no sequence values.
    /// </summary>
    private const string StagedCustomers = $"""
        INSERT INTO customers (source_id) SELECT s.customer_id FROM ({StagedCustomerIds}) s
        WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.source_id = s.customer_id)
        ON CONFLICT (source_id) DO NOTHING
        """;

    /// <summary>The customer ids a staged file names, each once.</summary>
    private const string StagedCustomerIds =
        "SELECT DISTINCT customer_id FROM import_staging WHERE customer_id IS NOT NULL";

    /// <summary>Whether the kind creates bare customers for customer ids not yet known.</summary>
    public static bool CreatesCustomers(ImportKind kind) => kind is ImportKind.Tickets or ImportKind.Surveys;

    private sealed record RowsOf(string Table, string[] Columns, string Select);

    private static RowsOf Rows(ImportKind kind, bool firstLoad) => kind switch
    {
        ImportKind.Agents => new("agents", ["source_id", "name", "email", "team_id"],
            "SELECT s.agent_id, s.name, s.email, t.id FROM import_staging s LEFT JOIN teams t ON t.name = s.team"),
        ImportKind.Customers => new("customers", ["source_id", "customer_since", "cancelled_on", "segment"],
            "SELECT customer_id, customer_since, cancelled_on, segment FROM import_staging"),
        // Repeat contact by cskpi_repeat_contact (Data/Sql), each ticket's latest earlier one among the staged rows.
        ImportKind.Tickets when firstLoad => new("tickets", [.. TicketColumns, "repeat_contact"],
            $"""
            SELECT s.ticket_id, s.created_at, s.channel, c.id, a.id, tm.id, coalesce(s.priority, 'normal'),
                   s.category, s.first_response_at, s.resolved_at, coalesce(s.reopened, false),
                   cskpi_repeat_contact(c.id, s.created_at, {StagedEarlier})
            FROM import_staging s LEFT JOIN customers c ON c.source_id = s.customer_id
            LEFT JOIN agents a ON a.source_id = s.agent_id LEFT JOIN teams tm ON tm.name = s.team
            """),
        // New tickets get their flag with the row, the latest earlier ticket the later of the staged ones' and the
        // table's (an index probe each), so the repeat-contact trigger finds nothing to change for them: it rewrote
        // every repeat of a file (a second write of the row and its indexes). Changed tickets keep theirs until the
        // trigger recomputes it. (The inner query keeps the probe out of the rule's arguments, which it repeats.)
        ImportKind.Tickets => new("tickets", [.. TicketColumns, "repeat_contact"],
            $"""
            SELECT r.ticket_id, r.created_at, r.channel, r.customer_id, r.agent_id, r.team_id, r.priority,
                   r.category, r.first_response_at, r.resolved_at, r.reopened,
                   cskpi_repeat_contact(r.customer_id, r.created_at, r.earlier)
            FROM (SELECT s.ticket_id, s.created_at, s.channel, c.id AS customer_id, a.id AS agent_id,
                         tm.id AS team_id, coalesce(s.priority, 'normal') AS priority, s.category,
                         s.first_response_at, s.resolved_at, coalesce(s.reopened, false) AS reopened,
                         greatest({StagedEarlier},
                                  (SELECT max(o.created_at) FROM tickets o
                                   WHERE o.customer_id = c.id AND o.created_at < s.created_at)) AS earlier
                  FROM import_staging s LEFT JOIN customers c ON c.source_id = s.customer_id
                  LEFT JOIN agents a ON a.source_id = s.agent_id LEFT JOIN teams tm ON tm.name = s.team) r
            """),
        ImportKind.Interactions => new("interactions", ["source_id", "ticket_id", "agent_id", "started_at",
            "talk_seconds", "hold_seconds", "wrap_seconds", "channel"],
            """
            SELECT s.interaction_id, t.id, a.id, s.started_at, s.talk_seconds, coalesce(s.hold_seconds, 0),
                   coalesce(s.wrap_seconds, 0), coalesce(s.channel, t.channel)
            FROM import_staging s JOIN tickets t ON t.source_id = s.ticket_id JOIN agents a ON a.source_id = s.agent_id
            """),
        // The agent rated defaults to the ticket's agent (csv-formats.md).
        ImportKind.Surveys => new("survey_responses", ["source_id", "kind", "score", "submitted_at", "ticket_id",
            "agent_id", "customer_id", "comment"],
            """
            SELECT s.response_id, s.survey, s.score, s.submitted_at, t.id, coalesce(a.id, t.agent_id), c.id, s.comment
            FROM import_staging s LEFT JOIN tickets t ON t.source_id = s.ticket_id
            LEFT JOIN agents a ON a.source_id = s.agent_id LEFT JOIN customers c ON c.source_id = s.customer_id
            """),
    };

    /// <summary>
    /// Dimension ratings follow the file: added, changed or removed; a response whose ratings changed counts as
    /// updated.
    /// </summary>
    private const string DimensionRatingsUpsert = """
        WITH wanted AS (
            SELECT r.id AS response_id, d.dimension, d.rating
            FROM import_staging s JOIN survey_responses r ON r.source_id = s.response_id
            CROSS JOIN LATERAL unnest(s.dim_names, s.dim_ratings) AS d(dimension, rating)),
        removed AS (
            DELETE FROM dimension_ratings x
            USING import_staging s JOIN survey_responses r ON r.source_id = s.response_id
            WHERE x.survey_response_id = r.id
              AND NOT EXISTS (SELECT 1 FROM wanted w
                              WHERE w.response_id = x.survey_response_id AND w.dimension = x.dimension)
            RETURNING x.survey_response_id),
        written AS (
            INSERT INTO dimension_ratings (survey_response_id, dimension, rating)
            SELECT response_id, dimension, rating FROM wanted
            ON CONFLICT (survey_response_id, dimension) DO UPDATE SET rating = EXCLUDED.rating
            WHERE dimension_ratings.rating <> EXCLUDED.rating
            RETURNING survey_response_id)
        INSERT INTO import_affected (id, inserted)
        SELECT DISTINCT id, false
        FROM (SELECT survey_response_id AS id FROM removed UNION SELECT survey_response_id FROM written) changed
        WHERE NOT EXISTS (SELECT 1 FROM import_affected a WHERE a.id = changed.id)
        """;

    private const string DimensionRatingsFirstLoad = """
        INSERT INTO dimension_ratings (survey_response_id, dimension, rating)
        SELECT r.id, d.dimension, d.rating
        FROM import_staging s JOIN survey_responses r ON r.source_id = s.response_id
        CROSS JOIN LATERAL unnest(s.dim_names, s.dim_ratings) AS d(dimension, rating)
        """;

    /// <summary>
    /// The upsert. Rows the table already holds exactly so are left out by an anti-join before the INSERT: the
    /// conflict path costs a speculative insertion and a sequence value per row, a re-import of a million unchanged
    /// rows 7.5 s instead of 2.7 s. The ON CONFLICT … WHERE stays for the rest (and for rows written concurrently).
    /// The anti-join is one source-id index probe per staged row (OFFSET 0 keeps the subquery from being planned as a
    /// hash join, which reads and hashes the whole table): the cost grows with the file, not with the table.
    /// </summary>
    private static readonly string[] TicketColumns =
        ["source_id", "created_at", "channel", "customer_id", "agent_id", "team_id", "priority", "category",
            "first_response_at", "resolved_at", "reopened"];

    /// <summary>The latest staged ticket of the same customer created before this one (a window over the staged rows).
    /// </summary>
    private static readonly string StagedEarlier =
        $"max(s.created_at) OVER ({EarlierWindow("c.id", "s.created_at")})";

    /// <summary>A customer's tickets up to the one before each (created strictly earlier), for its latest earlier
    /// ticket as cskpi_repeat_contact takes it.</summary>
    private static string EarlierWindow(string customer, string created) =>
        $"PARTITION BY {customer} ORDER BY {created} "
        + "RANGE BETWEEN UNBOUNDED PRECEDING AND interval '1 microsecond' PRECEDING";

    /// <summary>
    /// The repeat-contact flags of a bulk first load of tickets (every ticket in the table is the file's, written
    /// with the flag false): one window over the table, only the repeats written.
    /// </summary>
    public static readonly string RepeatContactsOfFirstLoad = $"""
        UPDATE tickets t SET repeat_contact = true
        FROM (SELECT id, cskpi_repeat_contact(customer_id, created_at,
                         max(created_at) OVER ({EarlierWindow("customer_id", "created_at")})) AS repeat
              FROM tickets) x
        WHERE t.id = x.id AND x.repeat
        """;

    /// <summary>
    /// Triggers a bulk first load of tickets goes without, dropped for its transaction: those that would recompute
    /// its repeat-contact flags or mark the rollups' days for its COPY and its one UPDATE (the built rollups are
    /// marked stale instead, see <see cref="RollupsStale"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> TriggersSkippedByBulkTickets =
    [
        "tr_tickets_repeat_contact_insert", "tr_tickets_repeat_contact_update", "tickets_rollup_insert",
        "tickets_rollup_update",
    ];

    /// <summary>Columns the database's triggers keep: written for new rows, never compared or updated.</summary>
    private static readonly string[] KeptByTriggers = ["repeat_contact"];

    /// <summary>A demo row the file names is the file's from then on (is_demo cleared), even if unchanged: demo
    /// removal then keeps it (docs/decisions.md).</summary>
    private static string Upserting(RowsOf rows)
    {
        var (table, columns, select) = rows;
        var updated = columns.Skip(1).Except(KeptByTriggers).ToArray();
        string Values(string row) => $"({string.Join(", ", updated.Select(c => $"{row}.{c}"))})";
        return $"""
            WITH up AS (
                INSERT INTO {table} ({string.Join(", ", columns)})
                SELECT * FROM ({select}) x ({string.Join(", ", columns)})
                WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE t.source_id = x.source_id AND NOT t.is_demo
                                  AND {Values("t")} IS NOT DISTINCT FROM {Values("x")} OFFSET 0)
                ON CONFLICT (source_id) DO UPDATE SET {string.Join(", ", updated.Select(c => $"{c} = EXCLUDED.{c}"))},
                    is_demo = false
                WHERE {table}.is_demo OR {Values(table)} IS DISTINCT FROM {Values("EXCLUDED")}
                RETURNING id::bigint AS id, xmax = 0 AS inserted)
            INSERT INTO import_affected (id, inserted) SELECT id, inserted FROM up
            """;
    }
}
