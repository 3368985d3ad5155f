CREATE OR REPLACE FUNCTION public.cskpi_bump_data_version()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END $function$;

CREATE OR REPLACE TRIGGER agents_data_version
    AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.agents
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_bump_data_version();
CREATE OR REPLACE TRIGGER customers_data_version
    AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.customers
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_bump_data_version();
CREATE OR REPLACE TRIGGER dimension_ratings_data_version
    AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.dimension_ratings
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_bump_data_version();
CREATE OR REPLACE TRIGGER interactions_data_version
    AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.interactions
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_bump_data_version();
CREATE OR REPLACE TRIGGER survey_responses_data_version
    AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.survey_responses
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_bump_data_version();
CREATE OR REPLACE TRIGGER targets_data_version
    AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.targets
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_bump_data_version();
CREATE OR REPLACE TRIGGER teams_data_version
    AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.teams
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_bump_data_version();
CREATE OR REPLACE TRIGGER tickets_data_version
    AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.tickets
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_bump_data_version();
