using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HybridInference.Control.Database.Migrations
{
    /// <inheritdoc />
    public partial class GatewayPolicyAndCache : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The defaults give an existing settings row the contract's defaults (GuardPolicy, ResponseCacheConfig),
            // so the next config assembled from it is what the Router assumed so far.
            migrationBuilder.AddColumn<string>(
                name: "guard",
                table: "virtual_keys",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "on_classifier_unavailable",
                table: "virtual_keys",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "cache_hit",
                table: "usage_records",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "guard",
                table: "usage_records",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "cache_hits",
                table: "usage_daily",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "cache_enabled",
                table: "routing_settings",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<decimal>(
                name: "cache_hit_price",
                table: "routing_settings",
                type: "numeric(20,10)",
                precision: 20,
                scale: 10,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "cache_max_entries",
                table: "routing_settings",
                type: "integer",
                nullable: false,
                defaultValue: 10_000);

            migrationBuilder.AddColumn<int>(
                name: "cache_max_entry_bytes",
                table: "routing_settings",
                type: "integer",
                nullable: false,
                defaultValue: 1 << 20);

            migrationBuilder.AddColumn<int>(
                name: "cache_ttl_seconds",
                table: "routing_settings",
                type: "integer",
                nullable: false,
                defaultValue: 300);

            migrationBuilder.AddColumn<string>(
                name: "guard_mode",
                table: "routing_settings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "All");

            migrationBuilder.AddColumn<string>(
                name: "on_classifier_unavailable",
                table: "routing_settings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Open");

            migrationBuilder.AddColumn<string>(
                name: "guard",
                table: "routes",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "locality",
                table: "routes",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "on_classifier_unavailable",
                table: "routes",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "locality",
                table: "models",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "guard",
                table: "virtual_keys");

            migrationBuilder.DropColumn(
                name: "on_classifier_unavailable",
                table: "virtual_keys");

            migrationBuilder.DropColumn(
                name: "cache_hit",
                table: "usage_records");

            migrationBuilder.DropColumn(
                name: "guard",
                table: "usage_records");

            migrationBuilder.DropColumn(
                name: "cache_hits",
                table: "usage_daily");

            migrationBuilder.DropColumn(
                name: "cache_enabled",
                table: "routing_settings");

            migrationBuilder.DropColumn(
                name: "cache_hit_price",
                table: "routing_settings");

            migrationBuilder.DropColumn(
                name: "cache_max_entries",
                table: "routing_settings");

            migrationBuilder.DropColumn(
                name: "cache_max_entry_bytes",
                table: "routing_settings");

            migrationBuilder.DropColumn(
                name: "cache_ttl_seconds",
                table: "routing_settings");

            migrationBuilder.DropColumn(
                name: "guard_mode",
                table: "routing_settings");

            migrationBuilder.DropColumn(
                name: "on_classifier_unavailable",
                table: "routing_settings");

            migrationBuilder.DropColumn(
                name: "guard",
                table: "routes");

            migrationBuilder.DropColumn(
                name: "locality",
                table: "routes");

            migrationBuilder.DropColumn(
                name: "on_classifier_unavailable",
                table: "routes");

            migrationBuilder.DropColumn(
                name: "locality",
                table: "models");
        }
    }
}
