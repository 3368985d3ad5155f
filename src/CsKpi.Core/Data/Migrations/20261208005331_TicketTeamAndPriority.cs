using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// Tickets carry their own team (a group or queue) and priority (issue #18). Every existing ticket gets no team and
    /// normal priority, so every number stays as it was: a ticket without a team counts for its agent's team. The
    /// rollups' trigger on tickets also marks the days of responses and interactions whose ticket changed team.
    /// </summary>
    public partial class TicketTeamAndPriority : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tickets_created_at",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_resolved_at",
                table: "tickets");

            migrationBuilder.AddColumn<string>(
                name: "priority",
                table: "tickets",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValueSql: "'normal'");

            migrationBuilder.AddColumn<int>(
                name: "team_id",
                table: "tickets",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_tickets_created_at",
                table: "tickets",
                column: "created_at")
                .Annotation("Npgsql:IndexInclude", new[] { "first_response_at", "category", "customer_id", "repeat_contact", "channel", "agent_id", "team_id" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_resolved_at",
                table: "tickets",
                column: "resolved_at",
                filter: "resolved_at IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "created_at", "reopened", "interaction_count", "channel", "agent_id", "category", "team_id" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_team_id",
                table: "tickets",
                column: "team_id",
                filter: "team_id IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_tickets_priority",
                table: "tickets",
                sql: "priority IN ('low', 'normal', 'high', 'urgent')");

            migrationBuilder.AddForeignKey(
                name: "fk_tickets_teams_team_id",
                table: "tickets",
                column: "team_id",
                principalTable: "teams",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.Sql(SqlFiles.Read("cskpi_tickets_rollup_days.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_tickets_teams_team_id",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_created_at",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_resolved_at",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_team_id",
                table: "tickets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_tickets_priority",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "team_id",
                table: "tickets");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_created_at",
                table: "tickets",
                column: "created_at")
                .Annotation("Npgsql:IndexInclude", new[] { "first_response_at", "category", "customer_id", "repeat_contact", "channel", "agent_id" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_resolved_at",
                table: "tickets",
                column: "resolved_at",
                filter: "resolved_at IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "created_at", "reopened", "interaction_count", "channel", "agent_id", "category" });
        }
    }
}
