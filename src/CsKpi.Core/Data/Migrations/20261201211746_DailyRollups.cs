using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// Daily rollups of the additive KPI measures (see <c>Kpis/DailyRollups.cs</c>): one row per source, local day,
    /// team, channel and (lower-cased) category. Statement-level triggers mark the days a write touches as dirty,
    /// whoever writes (the import, the demo loader, psql); a report first rebuilds the dirty days (or, while an import
    /// holds them, reads the raw rows), so a new import is seen at once. No state row until the first refresh builds
    /// the rollups for the organisation's time zone.
    /// </summary>
    public partial class DailyRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE kpi_rollups (
                    source smallint NOT NULL,
                    day date NOT NULL,
                    team_id integer,
                    channel varchar(16),
                    category varchar(100),
                    measures double precision[] NOT NULL);
                CREATE INDEX ix_kpi_rollups_source_day ON kpi_rollups (source, day);

                -- zone: the time zone of the days; layout: a fingerprint of the measures' order; stale: rebuild all.
                CREATE TABLE kpi_rollup_state (id int PRIMARY KEY CHECK (id = 1), zone text NOT NULL, layout text NOT NULL, stale boolean NOT NULL);
                CREATE TABLE kpi_rollup_dirty (day date PRIMARY KEY);

                -- The zone of the rollups while they are current, after waiting for a refresh in progress (its lock).
                CREATE FUNCTION cskpi_rollup_zone() RETURNS text LANGUAGE plpgsql AS $$
                DECLARE zone text;
                BEGIN
                    PERFORM pg_advisory_xact_lock_shared(4359744080);
                    SELECT s.zone INTO zone FROM kpi_rollup_state s WHERE s.id = 1 AND NOT s.stale;
                    RETURN zone;
                END $$;

                CREATE FUNCTION cskpi_rollups_stale() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock_shared(4359744080);
                    UPDATE kpi_rollup_state SET stale = true WHERE NOT stale;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION cskpi_tickets_rollup_days() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE zone text := cskpi_rollup_zone();
                BEGIN
                    IF zone IS NULL THEN RETURN NULL; END IF;
                    IF TG_OP <> 'DELETE' THEN
                        INSERT INTO kpi_rollup_dirty
                        SELECT DISTINCT (d AT TIME ZONE zone)::date FROM new_rows, LATERAL (VALUES (created_at), (resolved_at)) v(d) WHERE d IS NOT NULL
                        ON CONFLICT DO NOTHING;
                    END IF;
                    IF TG_OP <> 'INSERT' THEN
                        INSERT INTO kpi_rollup_dirty
                        SELECT DISTINCT (d AT TIME ZONE zone)::date FROM old_rows, LATERAL (VALUES (created_at), (resolved_at)) v(d) WHERE d IS NOT NULL
                        ON CONFLICT DO NOTHING;
                    END IF;
                    IF TG_OP = 'UPDATE' THEN
                        -- Responses and interactions are filtered and grouped by their ticket's channel or category.
                        INSERT INTO kpi_rollup_dirty
                        SELECT (s.submitted_at AT TIME ZONE zone)::date FROM new_rows n JOIN old_rows o USING (id) JOIN survey_responses s ON s.ticket_id = n.id
                        WHERE n.channel IS DISTINCT FROM o.channel OR n.category IS DISTINCT FROM o.category
                        UNION
                        SELECT (i.started_at AT TIME ZONE zone)::date FROM new_rows n JOIN old_rows o USING (id) JOIN interactions i ON i.ticket_id = n.id
                        WHERE n.category IS DISTINCT FROM o.category
                        ON CONFLICT DO NOTHING;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION cskpi_interactions_rollup_days() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE zone text := cskpi_rollup_zone();
                BEGIN
                    IF zone IS NULL THEN RETURN NULL; END IF;
                    IF TG_OP <> 'DELETE' THEN
                        INSERT INTO kpi_rollup_dirty SELECT DISTINCT (started_at AT TIME ZONE zone)::date FROM new_rows ON CONFLICT DO NOTHING;
                    END IF;
                    IF TG_OP <> 'INSERT' THEN
                        INSERT INTO kpi_rollup_dirty SELECT DISTINCT (started_at AT TIME ZONE zone)::date FROM old_rows ON CONFLICT DO NOTHING;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION cskpi_surveys_rollup_days() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE zone text := cskpi_rollup_zone();
                BEGIN
                    IF zone IS NULL THEN RETURN NULL; END IF;
                    IF TG_OP <> 'DELETE' THEN
                        INSERT INTO kpi_rollup_dirty SELECT DISTINCT (submitted_at AT TIME ZONE zone)::date FROM new_rows ON CONFLICT DO NOTHING;
                    END IF;
                    IF TG_OP <> 'INSERT' THEN
                        INSERT INTO kpi_rollup_dirty SELECT DISTINCT (submitted_at AT TIME ZONE zone)::date FROM old_rows ON CONFLICT DO NOTHING;
                    END IF;
                    RETURN NULL;
                END $$;

                -- An agent moving to another team moves all their records: rebuild everything (agents change rarely).
                CREATE FUNCTION cskpi_agents_rollup_team() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o USING (id) WHERE n.team_id IS DISTINCT FROM o.team_id) THEN
                        PERFORM pg_advisory_xact_lock_shared(4359744080);
                        UPDATE kpi_rollup_state SET stale = true WHERE NOT stale;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER agents_rollup_update AFTER UPDATE ON agents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_agents_rollup_team();
                CREATE TRIGGER agents_rollup_truncate AFTER TRUNCATE ON agents FOR EACH STATEMENT EXECUTE FUNCTION cskpi_rollups_stale();
                """);
            foreach (var (table, function) in Marked)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_rollup_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER {table}_rollup_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER {table}_rollup_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER {table}_rollup_truncate AFTER TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION cskpi_rollups_stale();
                    """);
            }
        }

        private static readonly (string Table, string Function)[] Marked =
            [("tickets", "cskpi_tickets_rollup_days"), ("interactions", "cskpi_interactions_rollup_days"), ("survey_responses", "cskpi_surveys_rollup_days")];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in Marked)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER {table}_rollup_insert ON {table}; DROP TRIGGER {table}_rollup_update ON {table};
                    DROP TRIGGER {table}_rollup_delete ON {table}; DROP TRIGGER {table}_rollup_truncate ON {table};
                    """);
            }
            migrationBuilder.Sql("""
                DROP TRIGGER agents_rollup_update ON agents; DROP TRIGGER agents_rollup_truncate ON agents;
                DROP FUNCTION cskpi_agents_rollup_team(); DROP FUNCTION cskpi_surveys_rollup_days(); DROP FUNCTION cskpi_interactions_rollup_days();
                DROP FUNCTION cskpi_tickets_rollup_days(); DROP FUNCTION cskpi_rollups_stale(); DROP FUNCTION cskpi_rollup_zone();
                DROP TABLE kpi_rollup_dirty; DROP TABLE kpi_rollup_state; DROP TABLE kpi_rollups;
                """);
        }
    }
}
