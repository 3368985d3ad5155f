using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// Customers counted per pair of (customer_since, cancelled_on) — what churn and retention read (Kpis/CustomerCells.cs):
    /// a few thousand pairs instead of every customer. Statement triggers on customers keep the counts equal to the
    /// table in the same transaction, whoever writes (import, demo loader, psql); a count that reaches 0 is removed.
    /// </summary>
    public partial class CustomerDates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE customer_dates (customer_since date NOT NULL, cancelled_on date, customers bigint NOT NULL);
                CREATE UNIQUE INDEX ix_customer_dates ON customer_dates (customer_since, cancelled_on) NULLS NOT DISTINCT;
                INSERT INTO customer_dates
                SELECT customer_since, cancelled_on, count(*) FROM customers WHERE customer_since IS NOT NULL GROUP BY 1, 2;

                CREATE FUNCTION cskpi_count_customer_dates() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        INSERT INTO customer_dates
                        SELECT customer_since, cancelled_on, -count(*) FROM old_rows WHERE customer_since IS NOT NULL GROUP BY 1, 2
                        ON CONFLICT (customer_since, cancelled_on) DO UPDATE SET customers = customer_dates.customers + excluded.customers;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO customer_dates
                        SELECT customer_since, cancelled_on, count(*) FROM new_rows WHERE customer_since IS NOT NULL GROUP BY 1, 2
                        ON CONFLICT (customer_since, cancelled_on) DO UPDATE SET customers = customer_dates.customers + excluded.customers;
                    END IF;
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        DELETE FROM customer_dates d USING (SELECT DISTINCT customer_since, cancelled_on FROM old_rows) o
                        WHERE d.customers = 0 AND d.customer_since = o.customer_since AND d.cancelled_on IS NOT DISTINCT FROM o.cancelled_on;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER customers_dates_insert AFTER INSERT ON customers REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_count_customer_dates();
                CREATE TRIGGER customers_dates_update AFTER UPDATE ON customers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_count_customer_dates();
                CREATE TRIGGER customers_dates_delete AFTER DELETE ON customers REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION cskpi_count_customer_dates();

                CREATE FUNCTION cskpi_truncate_customer_dates() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    TRUNCATE customer_dates;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER customers_dates_truncate AFTER TRUNCATE ON customers FOR EACH STATEMENT EXECUTE FUNCTION cskpi_truncate_customer_dates();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER customers_dates_truncate ON customers; DROP TRIGGER customers_dates_delete ON customers;
                DROP TRIGGER customers_dates_update ON customers; DROP TRIGGER customers_dates_insert ON customers;
                DROP FUNCTION cskpi_truncate_customer_dates(); DROP FUNCTION cskpi_count_customer_dates();
                DROP TABLE customer_dates;
                """);
        }
    }
}
