using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HybridInference.Control.Database.Migrations
{
    /// <inheritdoc />
    public partial class UsageDailyFillFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "usage_daily")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "usage_daily")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);
        }
    }
}
