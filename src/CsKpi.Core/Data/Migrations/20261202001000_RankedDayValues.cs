using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// Exact percentiles of any span of whole days, company-wide, without reading the span's records (see
    /// <c>Kpis/DailyRollups.cs</c>): <c>kpi_rollup_values</c> keeps each local day's values of a percentile (first
    /// response, resolution time) sorted, with how many of them are ≤ each of 642 fixed edges. The k-th value of a span
    /// is then found by summing those counts over its days (which edge interval holds it) and sorting only the values
    /// in that interval. It replaces <c>kpi_rollup_days</c> (a day's percentile is read from its sorted values), so the
    /// rollups are rebuilt on the next report.
    /// </summary>
    [DbContext(typeof(KpiDbContext))]
    [Migration("20261202001000_RankedDayValues")]
    public partial class RankedDayValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE kpi_rollup_days;
                CREATE TABLE kpi_rollup_values (
                    source smallint NOT NULL, series smallint NOT NULL, day date NOT NULL,
                    sorted double precision[] NOT NULL, ranks integer[] NOT NULL,
                    PRIMARY KEY (source, series, day));
                -- Read whole, often: uncompressed saves decompressing 200 KB a day at 10M tickets.
                ALTER TABLE kpi_rollup_values ALTER COLUMN sorted SET STORAGE EXTERNAL;
                UPDATE kpi_rollup_state SET stale = true;

                -- The edges: 0 and 2^(k/16) for k = −160…480 (1 ms … 34 years, 4.4 % apart), so an interval between two
                -- holds a small share of any span's durations. Changing them needs a rebuild (mark the rollups stale).
                CREATE FUNCTION public.cskpi_rank_edges() RETURNS double precision[]
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT ARRAY[0::double precision] || ARRAY(SELECT 2::double precision ^ (k / 16.0::double precision) FROM generate_series(-160, 480) k ORDER BY k) $$;

                -- How many of the ascending values are ≤ each edge (width_bucket: a binary search per edge).
                CREATE FUNCTION public.cskpi_rank_counts(sorted double precision[]) RETURNS integer[]
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT array_agg(width_bucket(e.edge, sorted) ORDER BY e.i) FROM unnest(cskpi_rank_edges()) WITH ORDINALITY AS e(edge, i) $$;

                -- percentile_cont of the values of [from_day, to_day) at each fraction, exactly as cskpi_percentile_cont over
                -- them all (the same arithmetic on the same two neighbouring values).
                CREATE FUNCTION public.cskpi_rollup_percentiles(p_source smallint, p_series smallint, from_day date, to_day date, fractions double precision[])
                RETURNS double precision[]
                LANGUAGE plpgsql STABLE PARALLEL SAFE
                AS $$
                DECLARE
                    day_values double precision[];
                    n bigint;
                    totals bigint[];
                    fraction double precision;
                    r double precision;
                    k bigint;
                    j integer;
                    below bigint;
                    found double precision[];
                    result double precision[] := '{}';
                BEGIN
                    IF to_day = from_day + 1 THEN
                        SELECT v.sorted INTO day_values FROM kpi_rollup_values v WHERE v.source = p_source AND v.series = p_series AND v.day = from_day;
                        RETURN ARRAY(SELECT cskpi_percentile_cont(day_values, f.f) FROM unnest(fractions) WITH ORDINALITY AS f(f, i) ORDER BY f.i);
                    END IF;
                    SELECT sum(cardinality(v.sorted)) INTO n FROM kpi_rollup_values v
                    WHERE v.source = p_source AND v.series = p_series AND v.day >= from_day AND v.day < to_day;
                    IF n IS NULL THEN
                        RETURN array_fill(NULL::double precision, ARRAY[cardinality(fractions)]);
                    END IF;
                    -- Values ≤ each edge over the span.
                    SELECT array_agg(t.total ORDER BY t.i) INTO totals
                    FROM (SELECT u.i, sum(u.c) AS total FROM kpi_rollup_values v, unnest(v.ranks) WITH ORDINALITY AS u(c, i)
                          WHERE v.source = p_source AND v.series = p_series AND v.day >= from_day AND v.day < to_day GROUP BY u.i) t;
                    FOREACH fraction IN ARRAY fractions LOOP
                        r := fraction * (n - 1);
                        found := '{}';
                        -- The values at 0-based positions floor(r) and ceil(r): find the edge interval j holding each (the
                        -- first edge with more values at or below it), then sort only that interval's values of every day.
                        FOREACH k IN ARRAY ARRAY[floor(r)::bigint, ceil(r)::bigint] LOOP
                            SELECT coalesce(min(t.i), cardinality(totals) + 1) INTO j FROM unnest(totals) WITH ORDINALITY AS t(c, i) WHERE t.c > k;
                            below := CASE WHEN j = 1 THEN 0 ELSE totals[j - 1] END;
                            found := found || (
                                SELECT x FROM kpi_rollup_values v,
                                    unnest(v.sorted[(CASE WHEN j = 1 THEN 0 ELSE v.ranks[j - 1] END) + 1
                                                  : (CASE WHEN j > cardinality(totals) THEN cardinality(v.sorted) ELSE v.ranks[j] END)]) AS x
                                WHERE v.source = p_source AND v.series = p_series AND v.day >= from_day AND v.day < to_day
                                ORDER BY x OFFSET k - below LIMIT 1);
                        END LOOP;
                        result := result || (found[1] + (r - floor(r)) * (found[2] - found[1]));
                    END LOOP;
                    RETURN result;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION public.cskpi_rollup_percentiles(smallint, smallint, date, date, double precision[]);
                DROP FUNCTION public.cskpi_rank_counts(double precision[]);
                DROP FUNCTION public.cskpi_rank_edges();
                DROP TABLE kpi_rollup_values;
                CREATE TABLE kpi_rollup_days (source smallint NOT NULL, day date NOT NULL, measures double precision[] NOT NULL, PRIMARY KEY (source, day));
                UPDATE kpi_rollup_state SET stale = true;
                """);
        }
    }
}
