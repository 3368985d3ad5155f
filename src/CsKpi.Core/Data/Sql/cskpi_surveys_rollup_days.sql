CREATE OR REPLACE FUNCTION public.cskpi_surveys_rollup_days()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
DECLARE zone text := cskpi_rollup_zone();
BEGIN
    IF zone IS NULL THEN RETURN NULL; END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO kpi_rollup_dirty SELECT DISTINCT (submitted_at AT TIME ZONE zone)::date FROM new_rows
            ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO kpi_rollup_dirty SELECT DISTINCT (submitted_at AT TIME ZONE zone)::date FROM old_rows
            ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $function$;

CREATE OR REPLACE TRIGGER survey_responses_rollup_delete AFTER DELETE ON public.survey_responses
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_surveys_rollup_days();
CREATE OR REPLACE TRIGGER survey_responses_rollup_insert AFTER INSERT ON public.survey_responses
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_surveys_rollup_days();
CREATE OR REPLACE TRIGGER survey_responses_rollup_update AFTER UPDATE ON public.survey_responses
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_surveys_rollup_days();
