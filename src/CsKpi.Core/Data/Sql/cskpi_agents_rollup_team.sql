CREATE OR REPLACE FUNCTION public.cskpi_agents_rollup_team()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
DECLARE moved boolean;
BEGIN
    EXECUTE 'SELECT EXISTS (SELECT FROM (SELECT id, team_id FROM new_rows
                                         UNION SELECT id, team_id FROM old_rows) v
                            GROUP BY id HAVING count(*) > 1)' INTO moved;
    IF moved THEN
        PERFORM pg_advisory_xact_lock_shared(4359744080);
        UPDATE kpi_rollup_state SET stale = true WHERE NOT stale;
    END IF;
    RETURN NULL;
END $function$;

CREATE OR REPLACE TRIGGER agents_rollup_update AFTER UPDATE ON public.agents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_agents_rollup_team();
