namespace HybridInference.Control.Keys;

internal static class KeysExtensions
{
    public static IHostApplicationBuilder AddKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DevKeySeeder>();
        return builder;
    }
}
