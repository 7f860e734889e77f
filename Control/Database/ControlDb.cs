using System.Text.RegularExpressions;
using HybridInference.Control.Audit;
using HybridInference.Control.Catalog;
using HybridInference.Control.Customers;
using HybridInference.Control.Invoicing;
using HybridInference.Control.Keys;
using HybridInference.Control.RouterConfiguration;
using HybridInference.Control.Usage;
using Microsoft.EntityFrameworkCore;

namespace HybridInference.Control.Database;

/// <summary>Control's PostgreSQL schema. Hot paths (ingestion, usage and invoice sums) use SQL on the same tables.</summary>
internal sealed partial class ControlDb(DbContextOptions<ControlDb> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<VirtualKey> Keys => Set<VirtualKey>();
    public DbSet<CatalogModel> Models => Set<CatalogModel>();
    public DbSet<ModelPrice> ModelPrices => Set<ModelPrice>();
    public DbSet<CatalogBackend> Backends => Set<CatalogBackend>();
    public DbSet<CatalogRoute> Routes => Set<CatalogRoute>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();
    public DbSet<RoutingSettings> RoutingSettings => Set<RoutingSettings>();
    public DbSet<ConfigVersion> ConfigVersions => Set<ConfigVersion>();
    public DbSet<UsageRow> UsageRecords => Set<UsageRow>();
    public DbSet<UsageDaily> UsageDaily => Set<UsageDaily>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();
    public DbSet<InvoicingRun> InvoicingRuns => Set<InvoicingRun>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Customer>(e =>
        {
            e.ToTable("customers");
            e.Property(c => c.Id).HasMaxLength(64);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Email).HasMaxLength(320);
        });
        model.Entity<VirtualKey>(e =>
        {
            e.ToTable("virtual_keys");
            e.Property(k => k.Id).HasMaxLength(64);
            e.Property(k => k.Name).HasMaxLength(200);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.Property(k => k.Hash).HasMaxLength(64).IsFixedLength();
            e.Property(k => k.MonthlyBudget).HasPrecision(18, 6);
            e.Property(k => k.Guard).HasConversion<string>().HasMaxLength(16);
            e.Property(k => k.OnClassifierUnavailable).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(k => k.Hash).IsUnique();
            e.HasIndex(k => k.CustomerId);
            e.HasOne<Customer>().WithMany().HasForeignKey(k => k.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<CatalogModel>(e =>
        {
            e.ToTable("models");
            e.Property(m => m.Id).HasMaxLength(200);
            e.Property(m => m.Name).HasMaxLength(200);
            e.Property(m => m.Description).HasMaxLength(4000);
            e.Property(m => m.HuggingFaceId).HasMaxLength(200);
            e.Property(m => m.Kind).HasMaxLength(32);
            e.Property(m => m.Quantization).HasMaxLength(32);
            e.Property(m => m.Targets).HasColumnType("jsonb");
            e.Property(m => m.Locality).HasConversion<string>().HasMaxLength(16);
        });
        model.Entity<ModelPrice>(e =>
        {
            e.ToTable("model_prices");
            e.Property(p => p.ModelId).HasMaxLength(200);
            foreach (var price in new[] { "Prompt", "Completion", "Request", "Image", "InputCacheRead", "InputCacheWrite" })
            {
                e.Property(price).HasPrecision(20, 10);
            }
            // The price lookup at ingestion walks this index backwards from the record's timestamp.
            e.HasIndex(p => new { p.ModelId, p.ValidFrom }).IsUnique();
        });
        model.Entity<CatalogBackend>(e =>
        {
            e.ToTable("backends");
            e.HasKey(b => b.Name);
            e.Property(b => b.Name).HasMaxLength(100);
            e.Property(b => b.Url).HasMaxLength(2000);
            e.Property(b => b.Kind).HasMaxLength(32);
            e.Property(b => b.Locality).HasConversion<string>().HasMaxLength(16);
            e.Property(b => b.ApiKeySecret).HasMaxLength(200);
        });
        model.Entity<CatalogRoute>(e =>
        {
            e.ToTable("routes");
            e.HasKey(r => r.Name);
            e.Property(r => r.Name).HasMaxLength(200);
            e.Property(r => r.Locality).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Guard).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.OnClassifierUnavailable).HasConversion<string>().HasMaxLength(16);
        });
        model.Entity<RoutingRule>(e =>
        {
            e.ToTable("routing_rules");
            e.HasKey(r => r.Domain);
            e.Property(r => r.Domain).HasMaxLength(100);
            e.Property(r => r.Target).HasMaxLength(200);
        });
        model.Entity<RoutingSettings>(e =>
        {
            e.ToTable("routing_settings");
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.DefaultRoute).HasMaxLength(200);
            e.Property(s => s.JailbreakAction).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.PiiAction).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.GuardMode).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.OnClassifierUnavailable).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.CacheHitPrice).HasPrecision(20, 10);
        });
        model.Entity<ConfigVersion>(e =>
        {
            e.ToTable("config_versions");
            e.HasKey(c => c.Version);
            e.Property(c => c.Version).ValueGeneratedNever();
            e.Property(c => c.Config).HasColumnType("jsonb");
            e.Property(c => c.CreatedBy).HasMaxLength(200);
            e.Property(c => c.Comment).HasMaxLength(1000);
        });
        model.Entity<UsageRow>(e =>
        {
            e.ToTable("usage_records");
            // The primary key is the unique index on request id that makes ingestion idempotent. Byte order ("C")
            // compares ids with memcmp instead of the locale's rules: ingestion probes this index once per record.
            e.HasKey(u => u.RequestId);
            e.Property(u => u.RequestId).HasMaxLength(128).UseCollation("C");
            e.Property(u => u.Timestamp).HasColumnName("ts");
            e.Property(u => u.KeyId).HasMaxLength(64);
            e.Property(u => u.CustomerId).HasMaxLength(64);
            e.Property(u => u.RequestedModel).HasMaxLength(200);
            e.Property(u => u.ServedModel).HasMaxLength(200);
            e.Property(u => u.Backend).HasMaxLength(100);
            e.Property(u => u.Category).HasMaxLength(100);
            e.Property(u => u.Endpoint).HasMaxLength(64);
            e.Property(u => u.Guard).HasMaxLength(32);
            e.Property(u => u.Cost).HasPrecision(24, 10);
            // Only /usage for periods that are not whole days reads records by time. Records arrive roughly in time
            // order, so a BRIN index (a few pages per million rows) finds them without a B-tree insert per record.
            e.HasIndex(u => u.Timestamp).HasMethod("brin");
        });
        model.Entity<UsageDaily>(e =>
        {
            e.ToTable("usage_daily");
            // Ingestion upserts one row per day, customer, key and model of a batch: byte-order keys keep that cheap, and
            // half-empty pages leave room for the new row versions on the same page (HOT updates: no index entries).
            e.HasKey(u => new { u.Day, u.CustomerId, u.KeyId, u.Model });
            e.HasStorageParameter("fillfactor", 50);
            e.Property(u => u.CustomerId).HasMaxLength(64).UseCollation("C");
            e.Property(u => u.KeyId).HasMaxLength(64).UseCollation("C");
            e.Property(u => u.Model).HasMaxLength(200).UseCollation("C");
            e.Property(u => u.Cost).HasPrecision(24, 10);
            e.HasIndex(u => new { u.KeyId, u.Day });
        });
        model.Entity<Invoice>(e =>
        {
            e.ToTable("invoices");
            e.Property(i => i.Number).HasMaxLength(64);
            e.Property(i => i.CustomerId).HasMaxLength(64);
            e.Property(i => i.Currency).HasMaxLength(3);
            e.Property(i => i.Total).HasPrecision(18, 6);
            e.Property(i => i.ExternalRef).HasMaxLength(500);
            // One invoice per customer and month, whatever runs the invoicing and however often.
            e.HasIndex(i => new { i.CustomerId, i.PeriodStart }).IsUnique();
            e.HasIndex(i => i.Number).IsUnique();
            e.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<InvoiceLine>(e =>
        {
            e.ToTable("invoice_lines");
            e.Property(l => l.Model).HasMaxLength(200);
            e.Property(l => l.Cost).HasPrecision(24, 10);
            e.Property(l => l.Amount).HasPrecision(18, 6);
        });
        model.Entity<InvoicingRun>(e =>
        {
            e.ToTable("invoicing_runs");
            e.HasKey(r => r.PeriodStart);
        });
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.Property(a => a.Actor).HasMaxLength(200);
            e.Property(a => a.Action).HasMaxLength(32);
            e.Property(a => a.Entity).HasMaxLength(32);
            e.Property(a => a.EntityId).HasMaxLength(200);
            e.Property(a => a.Details).HasColumnType("jsonb");
            e.HasIndex(a => a.At);
        });

        UseSnakeCase(model);
    }

    // PostgreSQL folds unquoted names to lower case; snake_case keeps hand-written SQL free of quotes.
    private static void UseSnakeCase(ModelBuilder model)
    {
        foreach (var entity in model.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                var name = property.GetColumnName();
                property.SetColumnName(SnakeCase(name));
            }
            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }
            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(SnakeCase(foreignKey.GetConstraintName()!));
            }
            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    private static string SnakeCase(string name) => UpperCase().Replace(name, "$1_$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex UpperCase();
}
