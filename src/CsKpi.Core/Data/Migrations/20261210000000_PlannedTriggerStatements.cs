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
    [Migration("20261210000000_PlannedTriggerStatements")]
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
                    -- Another ticket of the customer in [created_at − 168 h, created_at), for every ticket of the
                    -- customers the statement touched: a window frame over their tickets (one sort).
                    EXECUTE format($sql$
                        UPDATE tickets t SET repeat_contact = x.repeat
                        FROM (SELECT c.id, count(*) OVER (PARTITION BY c.customer_id ORDER BY c.created_at
                                         RANGE BETWEEN interval '168 hours' PRECEDING AND interval '1 microsecond' PRECEDING) > 0 AS repeat
                              FROM tickets c WHERE c.customer_id IN (%s)) x
                        WHERE t.id = x.id AND t.repeat_contact IS DISTINCT FROM x.repeat
                        $sql$, CASE TG_OP WHEN 'INSERT' THEN 'SELECT customer_id FROM new_rows'
                                          WHEN 'UPDATE' THEN 'SELECT customer_id FROM new_rows UNION SELECT customer_id FROM old_rows'
                                          ELSE 'SELECT customer_id FROM old_rows' END);
                    IF TG_OP = 'UPDATE' THEN
                        EXECUTE 'UPDATE tickets t SET repeat_contact = false
                                 WHERE t.customer_id IS NULL AND t.repeat_contact AND t.id IN (SELECT id FROM new_rows)';
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION public.cskpi_recount_interactions() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    EXECUTE format('UPDATE tickets t SET interaction_count = (SELECT count(*) FROM interactions i WHERE i.ticket_id = t.id)
                                    WHERE t.id IN (%s)',
                                   CASE TG_OP WHEN 'INSERT' THEN 'SELECT ticket_id FROM new_rows'
                                              WHEN 'UPDATE' THEN 'SELECT ticket_id FROM new_rows UNION SELECT ticket_id FROM old_rows'
                                              ELSE 'SELECT ticket_id FROM old_rows' END);
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION cskpi_tickets_rollup_days() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE zone text := cskpi_rollup_zone();
                BEGIN
                    IF zone IS NULL THEN RETURN NULL; END IF;
                    IF TG_OP <> 'DELETE' THEN
                        EXECUTE 'INSERT INTO kpi_rollup_dirty
                                 SELECT DISTINCT (d AT TIME ZONE $1)::date FROM new_rows, LATERAL (VALUES (created_at), (resolved_at)) v(d)
                                 WHERE d IS NOT NULL ON CONFLICT DO NOTHING' USING zone;
                    END IF;
                    IF TG_OP <> 'INSERT' THEN
                        EXECUTE 'INSERT INTO kpi_rollup_dirty
                                 SELECT DISTINCT (d AT TIME ZONE $1)::date FROM old_rows, LATERAL (VALUES (created_at), (resolved_at)) v(d)
                                 WHERE d IS NOT NULL ON CONFLICT DO NOTHING' USING zone;
                    END IF;
                    IF TG_OP = 'UPDATE' THEN
                        -- Responses and interactions are filtered and grouped by their ticket's channel or category: the
                        -- days of those of tickets whose channel or category changed (two versions of the id).
                        EXECUTE $sql$
                            INSERT INTO kpi_rollup_dirty
                            SELECT (s.submitted_at AT TIME ZONE $1)::date FROM survey_responses s
                            WHERE s.ticket_id IN (SELECT id FROM (SELECT id, channel, category FROM new_rows
                                                                  UNION SELECT id, channel, category FROM old_rows) v
                                                  GROUP BY id HAVING count(*) > 1)
                            UNION
                            SELECT (i.started_at AT TIME ZONE $1)::date FROM interactions i
                            WHERE i.ticket_id IN (SELECT id FROM (SELECT id, category FROM new_rows UNION SELECT id, category FROM old_rows) v
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
                                 FROM survey_responses s WHERE s.id IN (SELECT survey_response_id FROM new_rows) ON CONFLICT DO NOTHING' USING zone;
                    END IF;
                    IF TG_OP <> 'INSERT' THEN
                        -- A rating deleted with its response: the response's own trigger marks its day.
                        EXECUTE 'INSERT INTO kpi_rollup_dirty SELECT DISTINCT (s.submitted_at AT TIME ZONE $1)::date
                                 FROM survey_responses s WHERE s.id IN (SELECT survey_response_id FROM old_rows) ON CONFLICT DO NOTHING' USING zone;
                    END IF;
                    RETURN NULL;
                END $$;

                -- An agent moving to another team moves all their records: rebuild everything (agents change rarely).
                CREATE OR REPLACE FUNCTION cskpi_agents_rollup_team() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE moved boolean;
                BEGIN
                    EXECUTE 'SELECT EXISTS (SELECT FROM (SELECT id, team_id FROM new_rows UNION SELECT id, team_id FROM old_rows) v
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
                        SELECT customer_since, cancelled_on, -count(*) FROM old_rows WHERE customer_since IS NOT NULL GROUP BY 1, 2
                        ON CONFLICT (customer_since, cancelled_on) DO UPDATE SET customers = customer_dates.customers + excluded.customers;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO customer_dates
                        SELECT customer_since, cancelled_on, count(*) FROM new_rows WHERE customer_since IS NOT NULL GROUP BY 1, 2
                        ON CONFLICT (customer_since, cancelled_on) DO UPDATE SET customers = customer_dates.customers + excluded.customers;
                    END IF;
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        EXECUTE 'DELETE FROM customer_dates d USING (SELECT DISTINCT customer_since, cancelled_on FROM old_rows) o
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
