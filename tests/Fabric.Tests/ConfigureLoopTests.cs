using System.ClientModel;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenAI;
using OpenAI.Chat;

namespace HybridInference.Fabric.Tests;

/// <summary>
/// The appliance's configure step inside the fabric: Control's <c>configure</c> command points the remote backend at a
/// provider (here a second Simulator that wants its own key), the Router takes the new version and its key, and
/// <c>auto</c> sends coding and general prompts to the configured models on that provider.
/// </summary>
[Collection(FabricCollection.Name)]
public sealed partial class ConfigureLoopTests(FabricFixture fabric)
{
    private const string CodingModel = "remote-coder";
    private const string GeneralModel = "remote-general";

    [Fact]
    public async Task Configure_sends_auto_through_the_configured_remote_endpoint_once_the_router_takes_the_version()
    {
        var key = "sk-remote-" + Guid.NewGuid().ToString("N");
        await using var remote = await ServiceProcess.StartAsync(new Projects.Simulator(), new Dictionary<string, string>
        {
            ["Simulator__Models__0"] = CodingModel,
            ["Simulator__Models__1"] = GeneralModel,
            ["Simulator__ApiKey"] = key,
        });
        using var router = fabric.App.CreateHttpClient("router", "http");
        await RoutingTests.GiveTheClassifierAGenerousBudgetAsync(fabric, router);
        using var control = fabric.CreateAdminClient();
        var before = JsonDocument.Parse(await control.GetStringAsync("/v1/admin/config")).RootElement.GetProperty("version").GetInt64();
        try
        {
            // The provider's documented base URL, /v1 and all, as an operator copies it.
            var (exit, output) = await ServiceProcess.RunAsync(new Projects.Control(), await ControlEnvironmentAsync(),
                "configure", "--endpoint", remote.Url + "/v1", "--api-key", key, "--model-coding", CodingModel, "--model-general", GeneralModel);
            Assert.True(exit == 0, output);
            await RoutingTests.WaitForRouterConfigAsync(router, long.Parse(StoredVersion().Match(output).Groups[1].Value));

            var coding = await AutoAsync("Write a Python quicksort");
            var general = await AutoAsync("What is photosynthesis?");

            Assert.Equal((CodingModel, "coding", "cloud"), coding);
            Assert.Equal((GeneralModel, "general", "cloud"), general);
            // The provider itself answered both (it refuses callers without its key), at the root it serves /v1 under.
            var metrics = await new HttpClient().GetStringAsync(remote.Url + "/metrics");
            Assert.Matches($"vllm:e2e_request_latency_seconds_count\\{{model_name=\"{CodingModel}\"\\}} [1-9]", metrics);
            Assert.Matches($"vllm:e2e_request_latency_seconds_count\\{{model_name=\"{GeneralModel}\"\\}} [1-9]", metrics);
        }
        finally
        {
            // Later tests expect the fabric's own routing: restore the version from before, and drop the key.
            using var restored = await control.PostAsync($"/v1/admin/config/versions/{before}/restore", null);
            restored.EnsureSuccessStatusCode();
            await RoutingTests.WaitForRouterConfigAsync(router, (await restored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());
            File.Delete(Path.Combine(SecretsDirectory, "REMOTE_API_KEY"));
        }
    }

    private string SecretsDirectory => Path.Combine(Path.GetDirectoryName(fabric.RunFilePath)!, "secrets");

    // What the appliance gives the command: the database, the change notices and the Router's secrets folder.
    private async Task<Dictionary<string, string>> ControlEnvironmentAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__controldb"] = (await fabric.App.GetConnectionStringAsync("controldb"))!,
            ["Control__SecretsDirectory"] = SecretsDirectory,
        };
        if (await fabric.App.GetConnectionStringAsync("redis") is { } redis)
        {
            environment["ConnectionStrings__redis"] = redis;
        }
        return environment;
    }

    private async Task<(string? Model, string? Category, string? Backend)> AutoAsync(string prompt)
    {
        var chat = new ChatClient("auto", new ApiKeyCredential(fabric.DevKey), new OpenAIClientOptions { Endpoint = new Uri(fabric.RouterEndpoint, "/v1") });
        var result = await chat.CompleteChatAsync([new UserChatMessage(prompt)], new ChatCompletionOptions { MaxOutputTokenCount = 16 });
        var headers = result.GetRawResponse().Headers;
        string? Header(string name) => headers.TryGetValue(name, out var value) ? value : null;
        Assert.Equal(Header("x-hybrid-model"), result.Value.Model);
        return (Header("x-hybrid-model"), Header("x-hybrid-category"), Header("x-hybrid-backend"));
    }

    [GeneratedRegex(@"Stored router config version (\d+)")]
    private static partial Regex StoredVersion();
}
