using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    customer_since = table.Column<DateOnly>(type: "date", nullable: true),
                    cancelled_on = table.Column<DateOnly>(type: "date", nullable: true),
                    segment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    user_name = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    inserted = table.Column<long>(type: "bigint", nullable: false),
                    updated = table.Column<long>(type: "bigint", nullable: false),
                    unchanged = table.Column<long>(type: "bigint", nullable: false),
                    rejected = table.Column<long>(type: "bigint", nullable: false),
                    message = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "teams",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_teams", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "agents",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    team_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agents", x => x.id);
                    table.ForeignKey(
                        name: "fk_agents_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "targets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kpi_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    team_id = table.Column<int>(type: "integer", nullable: true),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    value = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_targets", x => x.id);
                    table.CheckConstraint("ck_targets_one_scope", "team_id IS NULL OR channel IS NULL");
                    table.ForeignKey(
                        name: "fk_targets_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tickets",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    customer_id = table.Column<int>(type: "integer", nullable: true),
                    agent_id = table.Column<int>(type: "integer", nullable: true),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    first_response_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reopened = table.Column<bool>(type: "boolean", nullable: false),
                    interaction_count = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    repeat_contact = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tickets", x => x.id);
                    table.CheckConstraint("ck_tickets_channel", "channel IN ('phone', 'email', 'chat', 'social', 'in_person')");
                    table.CheckConstraint("ck_tickets_first_response_not_before_creation", "first_response_at >= created_at");
                    table.CheckConstraint("ck_tickets_interaction_count_not_negative", "interaction_count >= 0");
                    table.CheckConstraint("ck_tickets_resolution_not_before_creation", "resolved_at >= created_at");
                    table.ForeignKey(
                        name: "fk_tickets_agents_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tickets_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "interactions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ticket_id = table.Column<long>(type: "bigint", nullable: false),
                    agent_id = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    talk_seconds = table.Column<int>(type: "integer", nullable: false),
                    hold_seconds = table.Column<int>(type: "integer", nullable: false),
                    wrap_seconds = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_interactions", x => x.id);
                    table.CheckConstraint("ck_interactions_channel", "channel IN ('phone', 'email', 'chat', 'social', 'in_person')");
                    table.CheckConstraint("ck_interactions_seconds_not_negative", "talk_seconds >= 0 AND hold_seconds >= 0 AND wrap_seconds >= 0");
                    table.ForeignKey(
                        name: "fk_interactions_agents_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_interactions_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "survey_responses",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    score = table.Column<short>(type: "smallint", nullable: false),
                    submitted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ticket_id = table.Column<long>(type: "bigint", nullable: true),
                    agent_id = table.Column<int>(type: "integer", nullable: true),
                    customer_id = table.Column<int>(type: "integer", nullable: true),
                    comment = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_responses", x => x.id);
                    table.CheckConstraint("ck_survey_responses_score_within_scale", "(kind = 'csat' AND score BETWEEN 1 AND 5) OR (kind = 'nps' AND score BETWEEN 0 AND 10) OR (kind = 'ces' AND score BETWEEN 1 AND 7) OR (kind = 'enps' AND score BETWEEN 0 AND 10)");
                    table.ForeignKey(
                        name: "fk_survey_responses_agents_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_survey_responses_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_survey_responses_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "dimension_ratings",
                columns: table => new
                {
                    survey_response_id = table.Column<long>(type: "bigint", nullable: false),
                    dimension = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    rating = table.Column<short>(type: "smallint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dimension_ratings", x => new { x.survey_response_id, x.dimension });
                    table.CheckConstraint("ck_dimension_ratings_rating_1_to_5", "rating BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "fk_dimension_ratings_survey_responses_survey_response_id",
                        column: x => x.survey_response_id,
                        principalTable: "survey_responses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agents_source_id",
                table: "agents",
                column: "source_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_agents_team_id",
                table: "agents",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_customers_customer_since_cancelled_on",
                table: "customers",
                columns: new[] { "customer_since", "cancelled_on" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_source_id",
                table: "customers",
                column: "source_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_import_runs_started_at",
                table: "import_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_agent_id",
                table: "interactions",
                column: "agent_id");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_source_id",
                table: "interactions",
                column: "source_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_interactions_started_at",
                table: "interactions",
                column: "started_at")
                .Annotation("Npgsql:IndexInclude", new[] { "talk_seconds", "hold_seconds", "wrap_seconds", "channel", "agent_id", "ticket_id" });

            migrationBuilder.CreateIndex(
                name: "ix_interactions_ticket_id",
                table: "interactions",
                column: "ticket_id");

            migrationBuilder.CreateIndex(
                name: "ix_survey_responses_agent_id",
                table: "survey_responses",
                column: "agent_id");

            migrationBuilder.CreateIndex(
                name: "ix_survey_responses_customer_id",
                table: "survey_responses",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_survey_responses_source_id",
                table: "survey_responses",
                column: "source_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_survey_responses_submitted_at",
                table: "survey_responses",
                column: "submitted_at")
                .Annotation("Npgsql:IndexInclude", new[] { "kind", "score", "agent_id", "ticket_id" });

            migrationBuilder.CreateIndex(
                name: "ix_survey_responses_ticket_id",
                table: "survey_responses",
                column: "ticket_id");

            migrationBuilder.CreateIndex(
                name: "ix_targets_kpi_key_team_id_channel",
                table: "targets",
                columns: new[] { "kpi_key", "team_id", "channel" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_targets_team_id",
                table: "targets",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_teams_name",
                table: "teams",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tickets_agent_id",
                table: "tickets",
                column: "agent_id");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_created_at",
                table: "tickets",
                column: "created_at")
                .Annotation("Npgsql:IndexInclude", new[] { "first_response_at", "category", "customer_id", "repeat_contact", "channel", "agent_id" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_customer_id_created_at",
                table: "tickets",
                columns: new[] { "customer_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_resolved_at",
                table: "tickets",
                column: "resolved_at",
                filter: "resolved_at IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "created_at", "reopened", "interaction_count", "channel", "agent_id", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_source_id",
                table: "tickets",
                column: "source_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dimension_ratings");

            migrationBuilder.DropTable(
                name: "import_runs");

            migrationBuilder.DropTable(
                name: "interactions");

            migrationBuilder.DropTable(
                name: "targets");

            migrationBuilder.DropTable(
                name: "survey_responses");

            migrationBuilder.DropTable(
                name: "tickets");

            migrationBuilder.DropTable(
                name: "agents");

            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "teams");
        }
    }
}
