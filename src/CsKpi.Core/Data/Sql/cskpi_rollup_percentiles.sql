CREATE OR REPLACE FUNCTION public.cskpi_rollup_percentiles(
    p_source smallint, p_series smallint, p_team text, from_day date, to_day date, fractions double precision[])
RETURNS double precision[]
LANGUAGE plpgsql
STABLE PARALLEL SAFE
AS $function$
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
                WHERE v.source = p_source AND v.series = p_series AND v.bin = bins[b]
                  AND v.day >= from_day AND v.day < to_day
                  AND (p_team IS NULL OR v.team_id = team)
                ORDER BY u.x OFFSET k - below LIMIT 1);
        END LOOP;
        result := result || (found[1] + (r - floor(r)) * (found[2] - found[1]));
    END LOOP;
    RETURN result;
END $function$;
