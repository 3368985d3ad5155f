using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DimensionDisplayNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dimension_names",
                columns: table => new
                {
                    dimension = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name_en = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    name_it = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    name_pl = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    name_nl = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dimension_names", x => x.dimension);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dimension_names");
        }
    }
}
