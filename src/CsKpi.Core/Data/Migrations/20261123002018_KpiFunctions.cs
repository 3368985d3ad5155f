using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// cskpi_percentile_cont(values, fraction): percentile_cont over an array built by array_agg in the same GROUP BY
    /// (see KpiSql.PercentileCont), so medians and percentiles are exact and computed next to every other measure.
    /// Hand-written: LINQ cannot say an ordered-set aggregate.
    /// </summary>
    public partial class KpiFunctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION public.cskpi_percentile_cont(vals double precision[], fraction double precision)
                RETURNS double precision
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT percentile_cont(fraction) WITHIN GROUP (ORDER BY v) FROM unnest(vals) AS v $$;
                """);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS public.cskpi_percentile_cont(double precision[], double precision);");
    }
}
