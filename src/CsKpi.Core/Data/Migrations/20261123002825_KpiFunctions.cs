using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// Hand-written SQL that LINQ cannot say:
    /// - cskpi_percentile_cont(values, fraction): percentile_cont over an array built by array_agg in the same GROUP BY
    ///   (see KpiSql.PercentileCont), so medians and percentiles are exact and computed next to every other measure;
    /// - statement-level triggers keeping tickets.interaction_count equal to the ticket's interactions, whoever writes
    ///   them (import, demo loader, SQL), so first-contact resolution is a column aggregate, not a count per ticket.
    /// </summary>
    public partial class KpiFunctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION public.cskpi_percentile_cont(vals double precision[], fraction double precision)
                RETURNS double precision
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT percentile_cont(fraction) WITHIN GROUP (ORDER BY v) FROM unnest(vals) AS v $$;
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS tr_interactions_count_insert ON interactions;
                DROP TRIGGER IF EXISTS tr_interactions_count_update ON interactions;
                DROP TRIGGER IF EXISTS tr_interactions_count_delete ON interactions;
                DROP FUNCTION IF EXISTS public.cskpi_recount_interactions();
                DROP FUNCTION IF EXISTS public.cskpi_percentile_cont(double precision[], double precision);
                """);
        }
    }
}
