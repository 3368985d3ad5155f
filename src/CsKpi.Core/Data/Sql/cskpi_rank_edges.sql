CREATE OR REPLACE FUNCTION public.cskpi_rank_edges()
RETURNS double precision[]
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $function$ SELECT ARRAY[0::double precision]
    || ARRAY(SELECT 2::double precision ^ (k / 16.0::double precision) FROM generate_series(-160, 480) k ORDER BY k)
$function$;
