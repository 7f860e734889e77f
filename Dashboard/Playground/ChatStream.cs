using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Dashboard.Fabric;

namespace HybridInference.Dashboard.Playground;

/// <summary>Sends a chat request through the Router as a customer would (with their key) and reads the answer as it streams.</summary>
internal sealed class ChatStream(IHttpClientFactory clients)
{
    /// <summary>What the Router said about its routing in the answer's headers.</summary>
    public sealed record Routing(string? RequestId, string? Model, string? Backend, string? Category);

    /// <summary>Model ids, roles and aliases the key may ask for, as the Router lists them.</summary>
    public async Task<List<string>> ModelsAsync(string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await clients.CreateClient(FabricClientsExtensions.PlaygroundClient).SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new FabricCallException(ErrorOf(response, body));
        }
        return [.. (JsonNode.Parse(body)?["data"]?.AsArray() ?? []).Select(m => (string?)m?["id"]).OfType<string>()];
    }

    /// <summary>Streams the answer's text pieces; <paramref name="routed"/> is called once the headers arrive.</summary>
    public async IAsyncEnumerable<string> AskAsync(
        string key, string model, string prompt, int maxTokens, Action<Routing> routed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["stream"] = true,
            ["max_tokens"] = maxTokens,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await clients.CreateClient(FabricClientsExtensions.PlaygroundClient)
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        routed(new Routing(Header(response, "x-request-id"), Header(response, "x-hybrid-model"), Header(response, "x-hybrid-backend"), Header(response, "x-hybrid-category")));
        if (!response.IsSuccessStatusCode)
        {
            throw new FabricCallException(ErrorOf(response, await response.Content.ReadAsStringAsync(cancellationToken)));
        }
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }
            var data = line[5..].Trim();
            if (data == "[DONE]")
            {
                yield break;
            }
            if (Piece(data) is { Length: > 0 } piece)
            {
                yield return piece;
            }
        }
    }

    private static string? Piece(string data)
    {
        try
        {
            var chunk = JsonNode.Parse(data);
            if (chunk?["error"]?["message"] is { } error)
            {
                throw new FabricCallException((string?)error ?? "the stream failed");
            }
            // The last chunk carries only the usage, with no choices.
            return chunk?["choices"] is JsonArray { Count: > 0 } choices ? (string?)choices[0]?["delta"]?["content"] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string ErrorOf(HttpResponseMessage response, string body)
    {
        try
        {
            return $"HTTP {(int)response.StatusCode}: {(string?)JsonNode.Parse(body)?["error"]?["message"] ?? body}";
        }
        catch (JsonException)
        {
            return $"HTTP {(int)response.StatusCode}: {body}";
        }
    }
}
