CREATE OR REPLACE FUNCTION public.cskpi_recount_interactions()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
BEGIN
    -- Counted in one pass for all touched tickets: a count per ticket would scan the
    -- interactions once per ticket while a first load has their ticket index dropped.
    EXECUTE format($sql$
        WITH touched AS (%s),
        counted AS (SELECT i.ticket_id, count(*) AS n FROM interactions i
                    WHERE i.ticket_id IN (SELECT ticket_id FROM touched) GROUP BY i.ticket_id)
        UPDATE tickets t SET interaction_count = coalesce(c.n, 0)
        FROM (SELECT DISTINCT ticket_id FROM touched) k LEFT JOIN counted c USING (ticket_id)
        WHERE t.id = k.ticket_id AND t.interaction_count IS DISTINCT FROM coalesce(c.n, 0)
        $sql$,
                   CASE TG_OP WHEN 'INSERT' THEN 'SELECT ticket_id FROM new_rows'
                              WHEN 'UPDATE' THEN 'SELECT ticket_id FROM new_rows
                                                  UNION SELECT ticket_id FROM old_rows'
                              ELSE 'SELECT ticket_id FROM old_rows' END);
    RETURN NULL;
END $function$;

CREATE OR REPLACE TRIGGER tr_interactions_count_delete AFTER DELETE ON public.interactions
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_recount_interactions();
CREATE OR REPLACE TRIGGER tr_interactions_count_insert AFTER INSERT ON public.interactions
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_recount_interactions();
CREATE OR REPLACE TRIGGER tr_interactions_count_update AFTER UPDATE ON public.interactions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_recount_interactions();
