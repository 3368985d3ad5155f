CREATE OR REPLACE FUNCTION public.cskpi_microseconds(later timestamp with time zone, earlier timestamp with time zone)
RETURNS bigint
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $function$ SELECT (extract(epoch FROM later - earlier) * 1000000)::bigint $function$;
