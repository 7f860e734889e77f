namespace HybridInference.Router.Keys;

/// <summary>Registers virtual-key authentication.</summary>
internal static class KeysRegistration
{
    public static IHostApplicationBuilder AddVirtualKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KeyPolicyCache>();
        builder.Services.AddSingleton<KeyAuthenticator>();
        return builder;
    }
}
