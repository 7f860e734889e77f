using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace HybridInference.Dashboard.Fabric;

internal static class FabricClientsExtensions
{
    /// <summary>The named client the playground streams answers through (no resilience timeouts: an answer may take minutes).</summary>
    public const string PlaygroundClient = "playground";

    /// <summary>Control, the Router and the Classifier by service name (service discovery), admin calls with the admin token.</summary>
    public static IHostApplicationBuilder AddFabricClients(this IHostApplicationBuilder builder)
    {
        // The operator sees a refusal at once: a retried POST could create a customer or rotate a key twice.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; it is the documented way to opt a client out.
        builder.Services.AddHttpClient<ControlApi>((services, http) => Admin(services, http, "http://control")).RemoveAllResilienceHandlers();
        builder.Services.AddHttpClient<RouterApi>((services, http) => Admin(services, http, "http://router")).RemoveAllResilienceHandlers();
        builder.Services.AddHttpClient<FabricStatusProbe>(http => http.Timeout = TimeSpan.FromSeconds(5)).RemoveAllResilienceHandlers();
        builder.Services.AddHttpClient<ClassifierApi>(http => http.BaseAddress = new Uri("http://classifier")).RemoveAllResilienceHandlers();
        builder.Services.AddHttpClient(PlaygroundClient, http =>
        {
            http.BaseAddress = new Uri("http://router");
            http.Timeout = Timeout.InfiniteTimeSpan;
        }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddScoped<Playground.ChatStream>();
        return builder;
    }

    private static void Admin(IServiceProvider services, HttpClient http, string address)
    {
        http.BaseAddress = new Uri(address);
        http.Timeout = TimeSpan.FromSeconds(15);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", services.GetRequiredService<IOptions<DashboardOptions>>().Value.AdminToken);
    }
}
