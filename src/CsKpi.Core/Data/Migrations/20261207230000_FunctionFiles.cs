using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsKpi.Core.Data.Migrations
{
    /// <summary>
    /// Every function and trigger from its file in Data/Sql (SqlFiles), the current definition to read from now on;
    /// new is cskpi_repeat_contact, the repeat-contact rule that the refresh trigger, the import and the demo data
    /// share. The other files hold what the earlier migrations left, so for them this changes nothing.
    /// </summary>
    [DbContext(typeof(KpiDbContext))]
    [Migration("20261207230000_FunctionFiles")]
    public partial class FunctionFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlFiles.All());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The definitions stay: the refresh trigger calls cskpi_repeat_contact and computes what the earlier
            // body (RepeatContactsByRange) did.
        }
    }
}
