using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// A counter that every change to the data behind the KPIs moves forward (statement-level triggers on each table,
    /// whoever writes: the import, the demo loader, psql). Caches key on it, so a new import is seen at once.
    /// </summary>
    public partial class DataVersion : Migration
    {
        private static readonly string[] Tables =
            ["teams", "agents", "customers", "tickets", "interactions", "survey_responses", "dimension_ratings", "targets"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE data_version (id int PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
                INSERT INTO data_version VALUES (1, 1);
                CREATE FUNCTION cskpi_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE data_version SET version = version + 1 WHERE id = 1;
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in Tables)
                migrationBuilder.Sql($"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION cskpi_bump_data_version();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
                migrationBuilder.Sql($"DROP TRIGGER {table}_data_version ON {table};");
            migrationBuilder.Sql("DROP FUNCTION cskpi_bump_data_version(); DROP TABLE data_version;");
        }
    }
}
