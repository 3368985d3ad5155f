using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// The organisation's channel list replaces the fixed five: a channels table seeded with the five defaults and
    /// their names as the app showed them, and no more fixed-list checks on tickets and interactions (the import
    /// checks each channel against the list). Stored codes and every number stay as they were.
    /// </summary>
    public partial class Channels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_tickets_channel",
                table: "tickets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_interactions_channel",
                table: "interactions");

            migrationBuilder.CreateTable(
                name: "channels",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name_en = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    name_it = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    name_pl = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    name_nl = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_channels", x => x.code);
                });

            migrationBuilder.Sql("""
                INSERT INTO channels (code, name_en, name_it, name_pl, name_nl, position) VALUES
                  ('phone', 'phone', 'telefono', 'telefon', 'telefoon', 1),
                  ('email', 'email', 'email', 'e-mail', 'e-mail', 2),
                  ('chat', 'chat', 'chat', 'czat', 'chat', 3),
                  ('social', 'social', 'social', 'media społecznościowe', 'sociale media', 4),
                  ('in_person', 'in person', 'di persona', 'osobiście', 'persoonlijk', 5)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "channels");

            migrationBuilder.AddCheckConstraint(
                name: "ck_tickets_channel",
                table: "tickets",
                sql: "channel IN ('phone', 'email', 'chat', 'social', 'in_person')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_interactions_channel",
                table: "interactions",
                sql: "channel IN ('phone', 'email', 'chat', 'social', 'in_person')");
        }
    }
}
