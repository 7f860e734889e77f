namespace HybridInference.Router.Changes;

/// <summary>Registers the Redis connection and the change notices (keys, config) heard over it.</summary>
internal static class ChangesRegistration
{
    public static IHostApplicationBuilder AddChangeNotices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RedisConnection>();
        builder.Services.AddHostedService<ChangeNotices>();
        return builder;
    }
}
