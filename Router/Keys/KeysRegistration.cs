namespace HybridInference.Router.Keys;

/// <summary>Registers virtual-key authentication and the admin-token check.</summary>
internal static class KeysRegistration
{
    public static IHostApplicationBuilder AddVirtualKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KeyPolicyCache>();
        builder.Services.AddSingleton<KeyAuthenticator>();
        builder.Services.AddSingleton<AdminAccess>();
        return builder;
    }
}
