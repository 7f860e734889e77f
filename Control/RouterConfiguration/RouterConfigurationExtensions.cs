using HybridInference.Control.Audit;

namespace HybridInference.Control.RouterConfiguration;

internal static class RouterConfigurationExtensions
{
    /// <summary>The versioned config store over the catalog tables, its seeding, the audit log and the <c>configure</c> command.</summary>
    public static IHostApplicationBuilder AddRouterConfiguration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddScoped<RouterConfigStore>();
        builder.Services.AddScoped<ConfigSeeder>();
        builder.Services.AddScoped<ConfigureCommand>();
        return builder;
    }
}
