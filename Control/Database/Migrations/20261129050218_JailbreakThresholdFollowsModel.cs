using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HybridInference.Control.Database.Migrations
{
    /// <inheritdoc />
    public partial class JailbreakThresholdFollowsModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<double>(
                name: "jailbreak_threshold",
                table: "routing_settings",
                type: "double precision",
                nullable: true,
                oldClrType: typeof(double),
                oldType: "double precision");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<double>(
                name: "jailbreak_threshold",
                table: "routing_settings",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0,
                oldClrType: typeof(double),
                oldType: "double precision",
                oldNullable: true);
        }
    }
}
