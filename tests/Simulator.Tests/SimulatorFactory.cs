using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace HybridInference.Simulator.Tests;

/// <summary>
/// A Simulator on a real Kestrel socket (port chosen by the OS) with the given <c>Simulator:*</c> settings and,
/// optionally, a controlled clock. Real sockets, because disconnects and aborted streams are what is under test.
/// </summary>
internal sealed class SimulatorFactory : WebApplicationFactory<Program>
{
    public const string Model = "test-model";

    private readonly Dictionary<string, string?>? _settings;
    private readonly TimeProvider? _time;

    public SimulatorFactory(Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        _settings = settings;
        _time = time;
        // Listen() rather than UseKestrel(0): the port overload races the app's own start and can throw.
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = new Dictionary<string, string?> { ["Simulator:Models:0"] = Model };
        foreach (var (key, value) in _settings ?? [])
        {
            // A null setting removes the default, e.g. the test model.
            if (value is null)
            {
                all.Remove(key);
            }
            else
            {
                all[key] = value;
            }
        }
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(all));
        if (_time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(_time));
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
