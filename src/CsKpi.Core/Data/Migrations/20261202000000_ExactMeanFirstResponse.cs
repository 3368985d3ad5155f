using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// cskpi_microseconds(later, earlier): the difference of two timestamps in whole microseconds (see
    /// KpiSql.Microseconds). The mean first response sums these instead of fractional seconds: an exact sum, the same in
    /// any order, so the daily rollups hold it too (their layout changes, so they are rebuilt on the next report).
    /// </summary>
    [DbContext(typeof(KpiDbContext))]
    [Migration("20261202000000_ExactMeanFirstResponse")]
    public partial class ExactMeanFirstResponse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // extract(epoch …) is numeric since PostgreSQL 14: exact, as the interval's microseconds are.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION public.cskpi_microseconds(later timestamp with time zone, earlier timestamp with time zone)
                RETURNS bigint
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT (extract(epoch FROM later - earlier) * 1000000)::bigint $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS public.cskpi_microseconds(timestamp with time zone, timestamp with time zone);");
        }
    }
}
