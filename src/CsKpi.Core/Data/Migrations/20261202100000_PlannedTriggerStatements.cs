using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// The statement triggers that read their transition tables together with other tables run those statements by
    /// EXECUTE, so each firing is planned with the transition tables' real row counts. A plpgsql statement's plan is
    /// cached from its first firing: planned for a one-row transition table, it stayed a nested loop when an import
    /// into a filled table brought 20,000 rows (55 of 57 s of that import, quadratic in the rows). Old and new rows are
    /// never joined: a row whose columns changed is an id with two distinct versions among old and new rows.
    /// </summary>
    [DbContext(typeof(KpiDbContext))]
    [Migration("20261202100000_PlannedTriggerStatements")]
    public partial class PlannedTriggerStatements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION public.cskpi_refresh_repeat_contacts() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    -- Our own UPDATE below (and the interaction-count trigger's) fire this again: nothing to do then.
                    IF pg_trigger_depth() > 1 THEN
                        RETURN NULL;
                    END IF;
                    -- Another ticket of the customer in [created_at − 168 h, created_at): a window frame over
                    -- the tickets of the customers the statement touched (one sort). Only tickets from the
                    -- earliest changed one to 168 h after the latest can change; the window reads 168 h more
                    -- before them for their frames. So a month's file reads its customers' month, not their
                    -- whole history; only changed flags are written.
                    EXECUTE format($sql$
                        WITH changed AS (%s),
                        bounds AS (SELECT min(created_at) AS lo, max(created_at) + interval '168 hours' AS hi
                                   FROM changed)
                        UPDATE tickets t SET repeat_contact = x.repeat
                        FROM (SELECT c.id, c.created_at, c.repeat_contact AS was,
                                     count(*) OVER (PARTITION BY c.customer_id ORDER BY c.created_at
                                                    RANGE BETWEEN interval '168 hours' PRECEDING
                                                    AND interval '1 microsecond' PRECEDING) > 0 AS repeat
                              FROM tickets c, bounds b
                              WHERE c.customer_id IN (SELECT customer_id FROM changed)
                                AND c.created_at >= b.lo - interval '168 hours' AND c.created_at <= b.hi) x, bounds b
                        WHERE t.id = x.id AND x.created_at >= b.lo AND x.was IS DISTINCT FROM x.repeat
                          AND t.repeat_contact IS DISTINCT FROM x.repeat
                        $sql$, CASE TG_OP WHEN 'INSERT' THEN 'SELECT customer_id, created_at FROM new_rows'
                                          WHEN 'UPDATE' THEN 'SELECT customer_id, created_at FROM new_rows
                                                              UNION ALL SELECT customer_id, created_at FROM old_rows'
                                          ELSE 'SELECT customer_id, created_at FROM old_rows' END);
                    IF TG_OP = 'UPDATE' THEN
                        EXECUTE 'UPDATE tickets t SET repeat_contact = false
                                 WHERE t.customer_id IS NULL AND t.repeat_contact
                                   AND t.id IN (SELECT id FROM new_rows)';
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION public.cskpi_recount_interactions() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    -- Counted in one pass for all touched tickets: a count per ticket would scan the
                    -- interactions once per ticket while a first load has their ticket index dropped.
                    EXECUTE format($sql$
                        WITH touched AS (%s),
                        counted AS (SELECT i.ticket_id, count(*) AS n FROM interactions i
                                    WHERE i.ticket_id IN (SELECT ticket_id FROM touched) GROUP BY i.ticket_id)
                        UPDATE tickets t SET interaction_count = coalesce(c.n, 0)
                        FROM (SELECT DISTINCT ticket_id FROM touched) k LEFT JOIN counted c USING (ticket_id)
                        WHERE t.id = k.ticket_id AND t.interaction_count IS DISTINCT FROM coalesce(c.n, 0)
                        $sql$,
                                   CASE TG_OP WHEN 'INSERT' THEN 'SELECT ticket_id FROM new_rows'
                                              WHEN 'UPDATE' THEN 'SELECT ticket_id FROM new_rows
                                                                  UNION SELECT ticket_id FROM old_rows'
                                              ELSE 'SELECT ticket_id FROM old_rows' END);
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION cskpi_tickets_rollup_days() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE zone text := cskpi_rollup_zone();
                BEGIN
                    IF zone IS NULL THEN RETURN NULL; END IF;
                    IF TG_OP <> 'DELETE' THEN
                        EXECUTE 'INSERT INTO kpi_rollup_dirty
                                 SELECT DISTINCT (d AT TIME ZONE $1)::date
                                 FROM new_rows, LATERAL (VALUES (created_at), (resolved_at)) v(d)
                                 WHERE d IS NOT NULL ON CONFLICT DO NOTHING' USING zone;
                    END IF;
                    IF TG_OP <> 'INSERT' THEN
                        EXECUTE 'INSERT INTO kpi_rollup_dirty
                                 SELECT DISTINCT (d AT TIME ZONE $1)::date
                                 FROM old_rows, LATERAL (VALUES (created_at), (resolved_at)) v(d)
                                 WHERE d IS NOT NULL ON CONFLICT DO NOTHING' USING zone;
                    END IF;
                    IF TG_OP = 'UPDATE' THEN
                        -- Responses and interactions are filtered and grouped by their ticket's channel or
                        -- category: the days of those of tickets whose channel or category changed (two
                        -- versions of the id).
                        EXECUTE $sql$
                            INSERT INTO kpi_rollup_dirty
                            SELECT (s.submitted_at AT TIME ZONE $1)::date FROM survey_responses s
                            WHERE s.ticket_id IN (SELECT id FROM (SELECT id, channel, category FROM new_rows
                                                                  UNION SELECT id, channel, category FROM old_rows) v
                                                  GROUP BY id HAVING count(*) > 1)
                            UNION
                            SELECT (i.started_at AT TIME ZONE $1)::date FROM interactions i
                            WHERE i.ticket_id IN (SELECT id FROM (SELECT id, category FROM new_rows
                                                                  UNION SELECT id, category FROM old_rows) v
                                                  GROUP BY id HAVING count(*) > 1)
                            ON CONFLICT DO NOTHING
                            $sql$ USING zone;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION cskpi_ratings_rollup_days() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE zone text := cskpi_rollup_zone();
                BEGIN
                    IF zone IS NULL THEN RETURN NULL; END IF;
                    IF TG_OP <> 'DELETE' THEN
                        EXECUTE 'INSERT INTO kpi_rollup_dirty SELECT DISTINCT (s.submitted_at AT TIME ZONE $1)::date
                                 FROM survey_responses s WHERE s.id IN (SELECT survey_response_id FROM new_rows)
                                 ON CONFLICT DO NOTHING' USING zone;
                    END IF;
                    IF TG_OP <> 'INSERT' THEN
                        -- A rating deleted with its response: the response's own trigger marks its day.
                        EXECUTE 'INSERT INTO kpi_rollup_dirty SELECT DISTINCT (s.submitted_at AT TIME ZONE $1)::date
                                 FROM survey_responses s WHERE s.id IN (SELECT survey_response_id FROM old_rows)
                                 ON CONFLICT DO NOTHING' USING zone;
                    END IF;
                    RETURN NULL;
                END $$;

                -- An agent moving to another team moves all their records: rebuild everything (agents change rarely).
                CREATE OR REPLACE FUNCTION cskpi_agents_rollup_team() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE moved boolean;
                BEGIN
                    EXECUTE 'SELECT EXISTS (SELECT FROM (SELECT id, team_id FROM new_rows
                                                         UNION SELECT id, team_id FROM old_rows) v
                                            GROUP BY id HAVING count(*) > 1)' INTO moved;
                    IF moved THEN
                        PERFORM pg_advisory_xact_lock_shared(4359744080);
                        UPDATE kpi_rollup_state SET stale = true WHERE NOT stale;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION cskpi_count_customer_dates() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        INSERT INTO customer_dates
                        SELECT customer_since, cancelled_on, -count(*) FROM old_rows
                        WHERE customer_since IS NOT NULL GROUP BY 1, 2
                        ON CONFLICT (customer_since, cancelled_on)
                        DO UPDATE SET customers = customer_dates.customers + excluded.customers;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO customer_dates
                        SELECT customer_since, cancelled_on, count(*) FROM new_rows
                        WHERE customer_since IS NOT NULL GROUP BY 1, 2
                        ON CONFLICT (customer_since, cancelled_on)
                        DO UPDATE SET customers = customer_dates.customers + excluded.customers;
                    END IF;
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        EXECUTE 'DELETE FROM customer_dates d
                                 USING (SELECT DISTINCT customer_since, cancelled_on FROM old_rows) o
                                 WHERE d.customers = 0 AND d.customer_since = o.customer_since
                                   AND d.cancelled_on IS NOT DISTINCT FROM o.cancelled_on';
                    END IF;
                    RETURN NULL;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The earlier bodies (KpiFunctions, DailyRollups, CustomerDates, KeyDriverRollups) compute the same: kept.
        }
    }
}
