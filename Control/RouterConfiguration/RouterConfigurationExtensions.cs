using HybridInference.Control.Audit;

namespace HybridInference.Control.RouterConfiguration;

internal static class RouterConfigurationExtensions
{
    /// <summary>The versioned config store over the catalog tables, its seeding and the audit log.</summary>
    public static IHostApplicationBuilder AddRouterConfiguration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddScoped<RouterConfigStore>();
        builder.Services.AddScoped<ConfigSeeder>();
        return builder;
    }
}
