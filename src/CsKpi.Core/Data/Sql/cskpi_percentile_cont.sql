CREATE OR REPLACE FUNCTION public.cskpi_percentile_cont(sorted double precision[], fraction double precision)
RETURNS double precision
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $function$
    -- percentile_cont's definition on an ascending array: interpolate between ranks floor(f·(n−1))
    -- and ceil(f·(n−1)).
    SELECT sorted[1 + floor(p.rank)::int]
           + (p.rank - floor(p.rank)) * (sorted[1 + ceil(p.rank)::int] - sorted[1 + floor(p.rank)::int])
    FROM (SELECT fraction * (cardinality(sorted) - 1) AS rank) p
    WHERE cardinality(sorted) > 0
$function$;
