-- Repeat contact (kpis.md, repeat_contact_rate): the ticket's customer had another ticket created in the 168 hours
-- before it. `earlier` is the latest created_at among the customer's other tickets created before this one (NULL:
-- none), which every caller finds its own way: a window over a set of tickets
--     max(created_at) OVER (PARTITION BY customer_id ORDER BY created_at
--                           RANGE BETWEEN UNBOUNDED PRECEDING AND interval '1 microsecond' PRECEDING)
-- or an index probe into the table. A plain expression, so the planner inlines it (no call per row).
-- The refresh trigger (cskpi_refresh_repeat_contacts.sql) reads the 168 hours around changed tickets: keep in step.
CREATE OR REPLACE FUNCTION public.cskpi_repeat_contact(
    customer_id integer, created_at timestamp with time zone, earlier timestamp with time zone)
RETURNS boolean
LANGUAGE sql
STABLE PARALLEL SAFE
AS $function$
    SELECT customer_id IS NOT NULL AND earlier IS NOT NULL
           AND earlier >= created_at - interval '168 hours' AND earlier < created_at
$function$;
