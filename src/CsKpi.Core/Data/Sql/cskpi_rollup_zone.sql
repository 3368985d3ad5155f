CREATE OR REPLACE FUNCTION public.cskpi_rollup_zone()
RETURNS text
LANGUAGE plpgsql
AS $function$
DECLARE zone text;
BEGIN
    PERFORM pg_advisory_xact_lock_shared(4359744080);
    SELECT s.zone INTO zone FROM kpi_rollup_state s WHERE s.id = 1 AND NOT s.stale;
    RETURN zone;
END $function$;
