using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace HybridInference.Router.Tests.Infrastructure;

/// <summary>The real Router in process, configured by settings, optionally with services replaced (e.g. the clock).</summary>
public sealed class RouterHost(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    /// <summary>The official OpenAI client pointed at this Router, retries off so every answer is seen as it is.</summary>
    public OpenAIClient OpenAi(string apiKey) => new(new ApiKeyCredential(apiKey), new OpenAIClientOptions
    {
        Endpoint = new Uri(Server.BaseAddress, "/v1"),
        Transport = new HttpClientPipelineTransport(CreateClient()),
        RetryPolicy = new ClientRetryPolicy(0),
    });

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}
