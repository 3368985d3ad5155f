using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// Marks demo records (is_demo), so <c>cskpi demo --remove</c> deletes them and nothing else. A database loaded
    /// by the demo before this migration (its agents' demo emails, and no import ever run) is marked demo whole.
    /// </summary>
    public partial class DemoMarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_demo",
                table: "tickets",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "is_demo",
                table: "teams",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "is_demo",
                table: "survey_responses",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "is_demo",
                table: "interactions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "is_demo",
                table: "customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "is_demo",
                table: "agents",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_tickets_is_demo",
                table: "tickets",
                column: "is_demo",
                filter: "is_demo");

            migrationBuilder.CreateIndex(
                name: "ix_teams_is_demo",
                table: "teams",
                column: "is_demo",
                filter: "is_demo");

            migrationBuilder.CreateIndex(
                name: "ix_survey_responses_is_demo",
                table: "survey_responses",
                column: "is_demo",
                filter: "is_demo");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_is_demo",
                table: "interactions",
                column: "is_demo",
                filter: "is_demo");

            migrationBuilder.CreateIndex(
                name: "ix_customers_is_demo",
                table: "customers",
                column: "is_demo",
                filter: "is_demo");

            migrationBuilder.CreateIndex(
                name: "ix_agents_is_demo",
                table: "agents",
                column: "is_demo",
                filter: "is_demo");

            migrationBuilder.Sql("""
                DO $$ BEGIN
                    IF EXISTS (SELECT 1 FROM agents WHERE email LIKE '%@demo.cskpi.local')
                       AND NOT EXISTS (SELECT 1 FROM import_runs) THEN
                        UPDATE teams SET is_demo = true;
                        UPDATE agents SET is_demo = true;
                        UPDATE customers SET is_demo = true;
                        UPDATE tickets SET is_demo = true;
                        UPDATE interactions SET is_demo = true;
                        UPDATE survey_responses SET is_demo = true;
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tickets_is_demo",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_teams_is_demo",
                table: "teams");

            migrationBuilder.DropIndex(
                name: "ix_survey_responses_is_demo",
                table: "survey_responses");

            migrationBuilder.DropIndex(
                name: "ix_interactions_is_demo",
                table: "interactions");

            migrationBuilder.DropIndex(
                name: "ix_customers_is_demo",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_agents_is_demo",
                table: "agents");

            migrationBuilder.DropColumn(
                name: "is_demo",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "is_demo",
                table: "teams");

            migrationBuilder.DropColumn(
                name: "is_demo",
                table: "survey_responses");

            migrationBuilder.DropColumn(
                name: "is_demo",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "is_demo",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "is_demo",
                table: "agents");
        }
    }
}
