using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// Hand-written SQL that LINQ cannot say:
    /// - cskpi_percentile_cont(sorted, fraction): percentile_cont over an array built by array_agg(v ORDER BY v) in the same GROUP BY
    ///   (see KpiSql.PercentileCont), so medians and percentiles are exact and computed next to every other measure;
    /// - statement-level triggers keeping tickets.interaction_count equal to the ticket's interactions, whoever writes
    ///   them (import, demo loader, SQL), so first-contact resolution is a column aggregate, not a count per ticket;
    /// - statement-level triggers keeping tickets.repeat_contact (another ticket of the customer in the 168 h before)
    ///   current for every customer whose tickets change, so repeat contact is a column aggregate, not an EXISTS per ticket.
    /// </summary>
    public partial class KpiFunctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION public.cskpi_percentile_cont(sorted double precision[], fraction double precision)
                RETURNS double precision
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$
                    -- percentile_cont's definition on an ascending array: interpolate between ranks floor(f·(n−1)) and ceil(f·(n−1)).
                    SELECT sorted[1 + floor(p.rank)::int] + (p.rank - floor(p.rank)) * (sorted[1 + ceil(p.rank)::int] - sorted[1 + floor(p.rank)::int])
                    FROM (SELECT fraction * (cardinality(sorted) - 1) AS rank) p
                    WHERE cardinality(sorted) > 0
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION public.cskpi_recount_interactions() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        UPDATE tickets t SET interaction_count = (SELECT count(*) FROM interactions i WHERE i.ticket_id = t.id)
                        WHERE t.id IN (SELECT DISTINCT ticket_id FROM new_rows);
                    END IF;
                    IF TG_OP IN ('DELETE', 'UPDATE') THEN
                        UPDATE tickets t SET interaction_count = (SELECT count(*) FROM interactions i WHERE i.ticket_id = t.id)
                        WHERE t.id IN (SELECT DISTINCT ticket_id FROM old_rows);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER tr_interactions_count_insert AFTER INSERT ON interactions
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.cskpi_recount_interactions();
                CREATE TRIGGER tr_interactions_count_update AFTER UPDATE ON interactions
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.cskpi_recount_interactions();
                CREATE TRIGGER tr_interactions_count_delete AFTER DELETE ON interactions
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.cskpi_recount_interactions();
                UPDATE tickets t SET interaction_count = (SELECT count(*) FROM interactions i WHERE i.ticket_id = t.id);
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION public.cskpi_refresh_repeat_contacts() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE customers int[];
                BEGIN
                    -- Our own UPDATE below (and the interaction-count trigger's) fire this again: nothing to do then.
                    IF pg_trigger_depth() > 1 THEN
                        RETURN NULL;
                    END IF;
                    IF TG_OP = 'INSERT' THEN
                        customers := ARRAY(SELECT DISTINCT customer_id FROM new_rows WHERE customer_id IS NOT NULL);
                    ELSIF TG_OP = 'UPDATE' THEN
                        customers := ARRAY(SELECT customer_id FROM new_rows WHERE customer_id IS NOT NULL
                                           UNION SELECT customer_id FROM old_rows WHERE customer_id IS NOT NULL);
                    ELSE
                        customers := ARRAY(SELECT DISTINCT customer_id FROM old_rows WHERE customer_id IS NOT NULL);
                    END IF;
                    -- Another ticket of the customer in [created_at − 168 h, created_at): a window frame over the customer's
                    -- tickets (one sort), the same as EXISTS per ticket since timestamps have microsecond resolution.
                    UPDATE tickets t SET repeat_contact = x.repeat
                    FROM (SELECT c.id, count(*) OVER (PARTITION BY c.customer_id ORDER BY c.created_at
                                     RANGE BETWEEN interval '168 hours' PRECEDING AND interval '1 microsecond' PRECEDING) > 0 AS repeat
                          FROM tickets c WHERE c.customer_id = ANY (customers)) x
                    WHERE t.id = x.id AND t.repeat_contact IS DISTINCT FROM x.repeat;
                    IF TG_OP = 'UPDATE' THEN
                        UPDATE tickets t SET repeat_contact = false
                        WHERE t.customer_id IS NULL AND t.repeat_contact AND t.id IN (SELECT id FROM new_rows);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER tr_tickets_repeat_contact_insert AFTER INSERT ON tickets
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.cskpi_refresh_repeat_contacts();
                CREATE TRIGGER tr_tickets_repeat_contact_update AFTER UPDATE ON tickets
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.cskpi_refresh_repeat_contacts();
                CREATE TRIGGER tr_tickets_repeat_contact_delete AFTER DELETE ON tickets
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.cskpi_refresh_repeat_contacts();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS tr_tickets_repeat_contact_insert ON tickets;
                DROP TRIGGER IF EXISTS tr_tickets_repeat_contact_update ON tickets;
                DROP TRIGGER IF EXISTS tr_tickets_repeat_contact_delete ON tickets;
                DROP FUNCTION IF EXISTS public.cskpi_refresh_repeat_contacts();
                DROP TRIGGER IF EXISTS tr_interactions_count_insert ON interactions;
                DROP TRIGGER IF EXISTS tr_interactions_count_update ON interactions;
                DROP TRIGGER IF EXISTS tr_interactions_count_delete ON interactions;
                DROP FUNCTION IF EXISTS public.cskpi_recount_interactions();
                DROP FUNCTION IF EXISTS public.cskpi_percentile_cont(double precision[], double precision);
                """);
        }
    }
}
