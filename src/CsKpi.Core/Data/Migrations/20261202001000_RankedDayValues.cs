using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// Exact percentiles of any span of whole days, company-wide or of a team, without reading the span's records (see
    /// <c>Kpis/DailyRollups.cs</c>): <c>kpi_rollup_values</c> keeps each local day's and team's values of a percentile
    /// (first response, resolution time) sorted, split at 642 fixed edges into bins, each with its count. The k-th value of a
    /// span is found by summing the bins' counts over its days (which bin holds it) and sorting only that bin's values.
    /// It replaces <c>kpi_rollup_days</c> (a day is a span too), so the rollups are rebuilt on the next report.
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
                -- A day's values of one series and team (null: no team) between two neighbouring edges, ascending, and how many.
                CREATE TABLE kpi_rollup_values (
                    source smallint NOT NULL, series smallint NOT NULL, bin smallint NOT NULL, day date NOT NULL, team_id integer,
                    n integer NOT NULL, sorted double precision[] NOT NULL);
                CREATE INDEX ix_kpi_rollup_values_bin ON kpi_rollup_values (source, series, bin, day);
                CREATE INDEX ix_kpi_rollup_values_day ON kpi_rollup_values (source, series, day) INCLUDE (bin, n, team_id);
                UPDATE kpi_rollup_state SET stale = true;

                -- The edges: 0 and 2^(k/16) for k = −160…480 (1 ms … 34 years, 4.4 % apart), so an interval between two
                -- holds a small share of any span's durations; a value's bin is width_bucket(value, edges). Changing them
                -- needs a rebuild (mark the rollups stale).
                CREATE FUNCTION public.cskpi_rank_edges() RETURNS double precision[]
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT ARRAY[0::double precision] || ARRAY(SELECT 2::double precision ^ (k / 16.0::double precision) FROM generate_series(-160, 480) k ORDER BY k) $$;

                -- percentile_cont of the values of [from_day, to_day) — of one team's records when p_team names one — at each
                -- fraction, exactly as cskpi_percentile_cont over them all (the same two neighbouring values, the same arithmetic).
                CREATE FUNCTION public.cskpi_rollup_percentiles(p_source smallint, p_series smallint, p_team text, from_day date, to_day date, fractions double precision[])
                RETURNS double precision[]
                LANGUAGE plpgsql STABLE PARALLEL SAFE
                AS $$
                DECLARE
                    bins smallint[];
                    counts bigint[];
                    n bigint;
                    team integer := (SELECT t.id FROM teams t WHERE t.name = p_team);
                    fraction double precision;
                    r double precision;
                    k bigint;
                    b integer;
                    below bigint;
                    found double precision[];
                    result double precision[] := '{}';
                BEGIN
                    -- How many of the span's values each bin holds, bins in order (an index-only scan of a few rows a day).
                    SELECT array_agg(t.bin ORDER BY t.bin), array_agg(t.total ORDER BY t.bin), sum(t.total) INTO bins, counts, n
                    FROM (SELECT v.bin, sum(v.n) AS total FROM kpi_rollup_values v
                          WHERE v.source = p_source AND v.series = p_series AND v.day >= from_day AND v.day < to_day
                            AND (p_team IS NULL OR v.team_id = team) GROUP BY v.bin) t;
                    IF n IS NULL THEN
                        RETURN array_fill(NULL::double precision, ARRAY[cardinality(fractions)]);
                    END IF;
                    FOREACH fraction IN ARRAY fractions LOOP
                        r := fraction * (n - 1);
                        found := '{}';
                        -- The values at 0-based positions floor(r) and ceil(r): the bin whose running count passes the
                        -- position, then only that bin's values of the span's days, sorted.
                        FOREACH k IN ARRAY ARRAY[floor(r)::bigint, ceil(r)::bigint] LOOP
                            below := 0;
                            b := 1;
                            WHILE below + counts[b] <= k LOOP
                                below := below + counts[b];
                                b := b + 1;
                            END LOOP;
                            found := found || (
                                SELECT u.x FROM kpi_rollup_values v, unnest(v.sorted) AS u(x)
                                WHERE v.source = p_source AND v.series = p_series AND v.bin = bins[b] AND v.day >= from_day AND v.day < to_day
                                  AND (p_team IS NULL OR v.team_id = team)
                                ORDER BY u.x OFFSET k - below LIMIT 1);
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
                DROP FUNCTION public.cskpi_rollup_percentiles(smallint, smallint, text, date, date, double precision[]);
                                DROP FUNCTION public.cskpi_rank_edges();
                DROP TABLE kpi_rollup_values;
                CREATE TABLE kpi_rollup_days (source smallint NOT NULL, day date NOT NULL, measures double precision[] NOT NULL, PRIMARY KEY (source, day));
                UPDATE kpi_rollup_state SET stale = true;
                """);
        }
    }
}
