namespace HybridInference.Router.OpenAi;

/// <summary>Registers the request path behind the OpenAI endpoints.</summary>
internal static class OpenAiRegistration
{
    public static IHostApplicationBuilder AddOpenAiApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProxyPipeline>();
        return builder;
    }
}
