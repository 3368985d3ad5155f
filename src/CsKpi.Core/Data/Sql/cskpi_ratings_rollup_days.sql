CREATE OR REPLACE FUNCTION public.cskpi_ratings_rollup_days()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
DECLARE zone text := cskpi_rollup_zone();
BEGIN
    IF zone IS NULL THEN RETURN NULL; END IF;
    IF TG_OP <> 'DELETE' THEN
        EXECUTE 'INSERT INTO kpi_rollup_dirty SELECT DISTINCT (s.submitted_at AT TIME ZONE $1)::date
                 FROM survey_responses s WHERE s.id IN (SELECT survey_response_id FROM new_rows)
                 ON CONFLICT DO NOTHING' USING zone;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        -- A rating deleted with its response: the response's own trigger marks its day.
        EXECUTE 'INSERT INTO kpi_rollup_dirty SELECT DISTINCT (s.submitted_at AT TIME ZONE $1)::date
                 FROM survey_responses s WHERE s.id IN (SELECT survey_response_id FROM old_rows)
                 ON CONFLICT DO NOTHING' USING zone;
    END IF;
    RETURN NULL;
END $function$;

CREATE OR REPLACE TRIGGER dimension_ratings_rollup_delete AFTER DELETE ON public.dimension_ratings
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_ratings_rollup_days();
CREATE OR REPLACE TRIGGER dimension_ratings_rollup_insert AFTER INSERT ON public.dimension_ratings
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_ratings_rollup_days();
CREATE OR REPLACE TRIGGER dimension_ratings_rollup_update AFTER UPDATE ON public.dimension_ratings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_ratings_rollup_days();
