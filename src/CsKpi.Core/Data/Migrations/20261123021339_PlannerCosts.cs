using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// The planner's default random_page_cost (4) assumes spinning disks; with the working set in memory or on SSD it
    /// turns cheap index probes into hash joins over whole tables (surveys → tickets for a month: 207 ms hashed, 39 ms
    /// probed at 1M tickets). 1.1 is the usual setting for SSDs; it applies to new sessions of this database.
    /// </summary>
    public partial class PlannerCosts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET random_page_cost = 1.1', current_database()); END $$;");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET random_page_cost', current_database()); END $$;");
    }
}
