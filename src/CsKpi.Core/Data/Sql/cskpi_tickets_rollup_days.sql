CREATE OR REPLACE FUNCTION public.cskpi_tickets_rollup_days()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
DECLARE zone text := cskpi_rollup_zone();
BEGIN
    IF zone IS NULL THEN RETURN NULL; END IF;
    IF TG_OP <> 'DELETE' THEN
        EXECUTE 'INSERT INTO kpi_rollup_dirty
                 SELECT DISTINCT (d AT TIME ZONE $1)::date
                 FROM new_rows, LATERAL (VALUES (created_at), (resolved_at)) v(d)
                 WHERE d IS NOT NULL ON CONFLICT DO NOTHING' USING zone;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        EXECUTE 'INSERT INTO kpi_rollup_dirty
                 SELECT DISTINCT (d AT TIME ZONE $1)::date
                 FROM old_rows, LATERAL (VALUES (created_at), (resolved_at)) v(d)
                 WHERE d IS NOT NULL ON CONFLICT DO NOTHING' USING zone;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        -- Responses and interactions are filtered and grouped by their ticket's team, channel
        -- or category: the days of those of tickets whose team, channel or category changed
        -- (two versions of the id).
        EXECUTE $sql$
            INSERT INTO kpi_rollup_dirty
            SELECT (s.submitted_at AT TIME ZONE $1)::date FROM survey_responses s
            WHERE s.ticket_id IN (SELECT id FROM (SELECT id, team_id, channel, category FROM new_rows
                                                  UNION SELECT id, team_id, channel, category FROM old_rows) v
                                  GROUP BY id HAVING count(*) > 1)
            UNION
            SELECT (i.started_at AT TIME ZONE $1)::date FROM interactions i
            WHERE i.ticket_id IN (SELECT id FROM (SELECT id, team_id, category FROM new_rows
                                                  UNION SELECT id, team_id, category FROM old_rows) v
                                  GROUP BY id HAVING count(*) > 1)
            ON CONFLICT DO NOTHING
            $sql$ USING zone;
    END IF;
    RETURN NULL;
END $function$;

CREATE OR REPLACE TRIGGER tickets_rollup_delete AFTER DELETE ON public.tickets
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_tickets_rollup_days();
CREATE OR REPLACE TRIGGER tickets_rollup_insert AFTER INSERT ON public.tickets
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_tickets_rollup_days();
CREATE OR REPLACE TRIGGER tickets_rollup_update AFTER UPDATE ON public.tickets
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_tickets_rollup_days();
