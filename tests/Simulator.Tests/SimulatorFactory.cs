using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace HybridInference.Simulator.Tests;

/// <summary>A Simulator in memory with the given <c>Simulator:*</c> settings and, optionally, a controlled clock.</summary>
internal sealed class SimulatorFactory(Dictionary<string, string?>? settings = null, TimeProvider? time = null) : WebApplicationFactory<Program>
{
    public const string Model = "test-model";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = new Dictionary<string, string?> { ["Simulator:Models:0"] = Model };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(all));
        if (time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }
    }

    /// <summary>The official OpenAI SDK talking to this in-memory server, without retries so faults show as they are.</summary>
    public OpenAIClient CreateOpenAiClient(string apiKey = "no-key-needed")
    {
        var http = CreateClient();
        return new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/v1"),
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
    }
}
