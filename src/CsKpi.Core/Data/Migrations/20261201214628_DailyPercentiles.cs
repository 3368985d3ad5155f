using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// Next to the daily rollups, each local day's percentiles company-wide (see <c>Kpis/DailyRollups.cs</c>): exact
    /// values of that day's records, refreshed with the rollups. The rollups' layout changes, so they are rebuilt.
    /// </summary>
    public partial class DailyPercentiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE kpi_rollup_days (source smallint NOT NULL, day date NOT NULL, measures double precision[] NOT NULL, PRIMARY KEY (source, day));
                UPDATE kpi_rollup_state SET stale = true;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE kpi_rollup_days; UPDATE kpi_rollup_state SET stale = true;");
        }
    }
}
