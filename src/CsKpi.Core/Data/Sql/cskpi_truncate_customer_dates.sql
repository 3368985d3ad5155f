CREATE OR REPLACE FUNCTION public.cskpi_truncate_customer_dates()
RETURNS trigger
LANGUAGE plpgsql
AS $function$
BEGIN
    TRUNCATE customer_dates;
    RETURN NULL;
END $function$;

CREATE OR REPLACE TRIGGER customers_dates_truncate AFTER TRUNCATE ON public.customers
    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_truncate_customer_dates();
