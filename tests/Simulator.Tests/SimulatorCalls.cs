using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HybridInference.Simulator.Tests;

/// <summary>Raw HTTP calls the tests make often.</summary>
internal static class SimulatorCalls
{
    public static JsonObject ChatBody(string content, int? maxTokens = null, bool stream = false, bool? includeUsage = null, string model = SimulatorFactory.Model)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
        };
        if (maxTokens is { } max)
        {
            body["max_tokens"] = max;
        }
        if (stream)
        {
            body["stream"] = true;
        }
        if (includeUsage is { } usage)
        {
            body["stream_options"] = new JsonObject { ["include_usage"] = usage };
        }
        return body;
    }

    public static HttpRequestMessage Post(string path, JsonNode body) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, JsonNode body, CancellationToken cancellationToken = default) =>
        client.SendAsync(Post(path, body), HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>())!;

    public static async Task SetFaultsAsync(this HttpClient client, object faults)
    {
        using var response = await client.PostAsJsonAsync("/admin/faults", faults);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>One sample of <c>/metrics</c>, e.g. <c>Metric("vllm:num_requests_waiting")</c> for the test model.</summary>
    public static async Task<double> MetricAsync(this HttpClient client, string name, string model = SimulatorFactory.Model)
    {
        var page = await client.GetStringAsync("/metrics");
        var match = Regex.Match(page, "^" + Regex.Escape(name + "{model_name=\"" + model + "\"} ") + "(\\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{name} for {model} is not on the metrics page.");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public static string Content(this JsonElement chatCompletion) =>
        chatCompletion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    public static int Usage(this JsonElement completion, string field) => completion.GetProperty("usage").GetProperty(field).GetInt32();
}
