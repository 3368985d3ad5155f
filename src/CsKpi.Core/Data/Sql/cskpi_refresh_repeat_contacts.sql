CREATE OR REPLACE FUNCTION public.cskpi_refresh_repeat_contacts()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
DECLARE lo timestamptz; hi timestamptz; customers integer[];
BEGIN
    -- Our own UPDATE below (and the interaction-count trigger's) fire this again: nothing to do then.
    IF pg_trigger_depth() > 1 THEN
        RETURN NULL;
    END IF;
    -- Repeat contact as cskpi_repeat_contact defines it, each ticket's latest earlier one from a
    -- window over the tickets of the customers the statement touched (one sort). Only tickets from
    -- the earliest changed one to 168 h after the latest can change; the window reads 168 h more
    -- before them for their earlier tickets. Only changed flags are written.
    EXECUTE format('SELECT min(created_at), max(created_at) + interval ''168 hours'',
                           array_agg(DISTINCT customer_id) FILTER (WHERE customer_id IS NOT NULL)
                    FROM (%s) changed',
        CASE TG_OP WHEN 'INSERT' THEN 'SELECT customer_id, created_at FROM new_rows'
                   WHEN 'UPDATE' THEN 'SELECT customer_id, created_at FROM new_rows
                                       UNION ALL SELECT customer_id, created_at FROM old_rows'
                   ELSE 'SELECT customer_id, created_at FROM old_rows' END)
        INTO lo, hi, customers;
    IF customers IS NOT NULL THEN
        EXECUTE $sql$
            UPDATE tickets t SET repeat_contact = x.repeat
            FROM (SELECT c.id, c.created_at, c.repeat_contact AS was,
                         cskpi_repeat_contact(c.customer_id, c.created_at,
                             max(c.created_at) OVER (PARTITION BY c.customer_id ORDER BY c.created_at
                                                     RANGE BETWEEN UNBOUNDED PRECEDING
                                                     AND interval '1 microsecond' PRECEDING)) AS repeat
                  FROM tickets c
                  WHERE c.customer_id = ANY ($3)
                    AND c.created_at >= $1 - interval '168 hours' AND c.created_at <= $2) x
            WHERE t.id = x.id AND x.created_at >= $1 AND x.was IS DISTINCT FROM x.repeat
              AND t.repeat_contact IS DISTINCT FROM x.repeat
            $sql$ USING lo, hi, customers;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        EXECUTE 'UPDATE tickets t SET repeat_contact = false
                 WHERE t.customer_id IS NULL AND t.repeat_contact
                   AND t.id IN (SELECT id FROM new_rows)';
    END IF;
    RETURN NULL;
END $function$;

CREATE OR REPLACE TRIGGER tr_tickets_repeat_contact_delete AFTER DELETE ON public.tickets
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_refresh_repeat_contacts();
CREATE OR REPLACE TRIGGER tr_tickets_repeat_contact_insert AFTER INSERT ON public.tickets
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_refresh_repeat_contacts();
CREATE OR REPLACE TRIGGER tr_tickets_repeat_contact_update AFTER UPDATE ON public.tickets
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_refresh_repeat_contacts();
