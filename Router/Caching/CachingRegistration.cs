namespace HybridInference.Router.Caching;

/// <summary>Registers the response cache: Redis when configured (shared by replicas), else a bounded in-process LRU.</summary>
internal static class CachingRegistration
{
    public static IHostApplicationBuilder AddResponseCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InProcessResponseStore>();
        builder.Services.AddSingleton<RedisResponseStore>();
        builder.Services.AddSingleton<IResponseStore>(sp => sp.GetRequiredService<RedisResponseStore>());
        builder.Services.AddSingleton<ResponseCache>();
        return builder;
    }
}
