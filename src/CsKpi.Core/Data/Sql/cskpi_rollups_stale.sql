CREATE OR REPLACE FUNCTION public.cskpi_rollups_stale()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(4359744080);
    UPDATE kpi_rollup_state SET stale = true WHERE NOT stale;
    RETURN NULL;
END $function$;

CREATE OR REPLACE TRIGGER agents_rollup_truncate AFTER TRUNCATE ON public.agents
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_rollups_stale();
CREATE OR REPLACE TRIGGER dimension_ratings_rollup_truncate AFTER TRUNCATE ON public.dimension_ratings
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_rollups_stale();
CREATE OR REPLACE TRIGGER interactions_rollup_truncate AFTER TRUNCATE ON public.interactions
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_rollups_stale();
CREATE OR REPLACE TRIGGER survey_responses_rollup_truncate AFTER TRUNCATE ON public.survey_responses
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_rollups_stale();
CREATE OR REPLACE TRIGGER tickets_rollup_truncate AFTER TRUNCATE ON public.tickets
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_rollups_stale();
