CREATE OR REPLACE FUNCTION public.cskpi_count_customer_dates()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO customer_dates
        SELECT customer_since, cancelled_on, -count(*) FROM old_rows
        WHERE customer_since IS NOT NULL GROUP BY 1, 2
        ON CONFLICT (customer_since, cancelled_on)
        DO UPDATE SET customers = customer_dates.customers + excluded.customers;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO customer_dates
        SELECT customer_since, cancelled_on, count(*) FROM new_rows
        WHERE customer_since IS NOT NULL GROUP BY 1, 2
        ON CONFLICT (customer_since, cancelled_on)
        DO UPDATE SET customers = customer_dates.customers + excluded.customers;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        EXECUTE 'DELETE FROM customer_dates d
                 USING (SELECT DISTINCT customer_since, cancelled_on FROM old_rows) o
                 WHERE d.customers = 0 AND d.customer_since = o.customer_since
                   AND d.cancelled_on IS NOT DISTINCT FROM o.cancelled_on';
    END IF;
    RETURN NULL;
END $function$;

CREATE OR REPLACE TRIGGER customers_dates_delete AFTER DELETE ON public.customers
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_count_customer_dates();
CREATE OR REPLACE TRIGGER customers_dates_insert AFTER INSERT ON public.customers
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_count_customer_dates();
CREATE OR REPLACE TRIGGER customers_dates_update AFTER UPDATE ON public.customers
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_count_customer_dates();
