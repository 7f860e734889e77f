using System.Net.Http.Json;
using HybridInference.Contracts;
using HybridInference.Contracts.Usage;

namespace HybridInference.Control.Tests.Infrastructure;

internal static class UsageData
{
    public static UsageRecord Record(string requestId, string timestamp, string customer, string model, int prompt, int completion, string? key = null) => new()
    {
        RequestId = requestId,
        Timestamp = DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture),
        KeyId = key ?? "key_" + customer,
        CustomerId = customer,
        RequestedModel = "auto",
        ServedModel = model,
        Backend = "vllm-general",
        PromptTokens = prompt,
        CompletionTokens = completion,
        LatencyMs = 120,
        Status = 200,
    };

    public static async Task<UsageIngestResult> IngestAsync(HttpClient internalClient, params UsageRecord[] records)
    {
        var response = await internalClient.PostAsync("/v1/internal/usage", JsonContent.Create(new UsageBatch(records), options: ContractJson.Options));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return System.Text.Json.JsonSerializer.Deserialize<UsageIngestResult>(text, ContractJson.Options)!;
    }

    /// <summary>A model with simple prices; on an empty catalog, the first call writes a minimal config around it.</summary>
    public static async Task PriceModelAsync(HttpClient admin, string model, decimal prompt, decimal completion, decimal request = 0)
    {
        var pricing = new { prompt, completion, request };
        var first = (await admin.GetAsync("/v1/admin/config")).StatusCode == System.Net.HttpStatusCode.NotFound;
        var response = first
            ? await admin.PutAsync("/v1/admin/config", JsonContent.Create(new
            {
                backends = new[] { new { name = "local", url = "http://local" } },
                models = new[] { new { id = model, pricing, targets = new[] { new { backend = "local" } } } },
                auto = new { default_route = model },
            }, options: ContractJson.Options))
            : await admin.PutAsync($"/v1/admin/models/{model}", JsonContent.Create(new { pricing, targets = new[] { new { backend = "local" } } }, options: ContractJson.Options));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
