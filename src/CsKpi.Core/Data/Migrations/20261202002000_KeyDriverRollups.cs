using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// Key-driver sums in the daily rollups (see <c>Kpis/KeyDrivers.cs</c>): per local day, team, channel, lower-cased
    /// category and dimension, the count of csat ratings and the whole-number sums behind the correlation. Dimension
    /// ratings now mark their response's day dirty too; the rollups are rebuilt on the next report.
    /// </summary>
    [DbContext(typeof(KpiDbContext))]
    [Migration("20261202002000_KeyDriverRollups")]
    public partial class KeyDriverRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE kpi_rollup_drivers (
                    day date NOT NULL, team_id integer, channel varchar(16), category varchar(100), dimension varchar(64) NOT NULL,
                    n bigint NOT NULL, sum_x bigint NOT NULL, sum_y bigint NOT NULL, sum_xy bigint NOT NULL, sum_xx bigint NOT NULL, sum_yy bigint NOT NULL);
                CREATE INDEX ix_kpi_rollup_drivers_day ON kpi_rollup_drivers (day);
                UPDATE kpi_rollup_state SET stale = true;

                CREATE FUNCTION cskpi_ratings_rollup_days() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE zone text := cskpi_rollup_zone();
                BEGIN
                    IF zone IS NULL THEN RETURN NULL; END IF;
                    IF TG_OP <> 'DELETE' THEN
                        INSERT INTO kpi_rollup_dirty SELECT DISTINCT (s.submitted_at AT TIME ZONE zone)::date
                        FROM new_rows n JOIN survey_responses s ON s.id = n.survey_response_id ON CONFLICT DO NOTHING;
                    END IF;
                    IF TG_OP <> 'INSERT' THEN
                        -- A rating deleted with its response: the response's own trigger marks its day.
                        INSERT INTO kpi_rollup_dirty SELECT DISTINCT (s.submitted_at AT TIME ZONE zone)::date
                        FROM old_rows o JOIN survey_responses s ON s.id = o.survey_response_id ON CONFLICT DO NOTHING;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER dimension_ratings_rollup_insert AFTER INSERT ON dimension_ratings REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_ratings_rollup_days();
                CREATE TRIGGER dimension_ratings_rollup_update AFTER UPDATE ON dimension_ratings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_ratings_rollup_days();
                CREATE TRIGGER dimension_ratings_rollup_delete AFTER DELETE ON dimension_ratings REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_ratings_rollup_days();
                CREATE TRIGGER dimension_ratings_rollup_truncate AFTER TRUNCATE ON dimension_ratings FOR EACH STATEMENT EXECUTE FUNCTION cskpi_rollups_stale();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER dimension_ratings_rollup_insert ON dimension_ratings; DROP TRIGGER dimension_ratings_rollup_update ON dimension_ratings;
                DROP TRIGGER dimension_ratings_rollup_delete ON dimension_ratings; DROP TRIGGER dimension_ratings_rollup_truncate ON dimension_ratings;
                DROP FUNCTION cskpi_ratings_rollup_days();
                DROP TABLE kpi_rollup_drivers;
                UPDATE kpi_rollup_state SET stale = true;
                """);
        }
    }
}
