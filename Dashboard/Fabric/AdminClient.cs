using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Contracts;

namespace HybridInference.Dashboard.Fabric;

/// <summary>JSON calls to one fabric service with the admin token; refusals become <see cref="FabricCallException"/>s that say why.</summary>
internal abstract class AdminClient(HttpClient http)
{
    protected HttpClient Http => http;

    protected async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    protected async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ContractJson.Options);
        }
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    protected static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(ContractJson.Options, cancellationToken))!;
    }

    protected static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new FabricCallException(Describe((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)));
        }
    }

    // ProblemDetails (with field errors) and OpenAI errors both read as one line.
    private static string Describe(int status, string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json)
            {
                var parts = new List<string>();
                if (json["errors"] is JsonObject errors)
                {
                    foreach (var (field, messages) in errors)
                    {
                        parts.Add($"{field}: {string.Join("; ", messages?.AsArray().Select(m => (string?)m) ?? [])}");
                    }
                }
                var title = (string?)json["detail"] ?? (string?)json["title"] ?? (string?)json["error"]?["message"];
                return $"HTTP {status}: {(parts.Count > 0 ? string.Join(" · ", parts) : title ?? body)}";
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body itself says it.
        }
        return $"HTTP {status}: {(body.Length > 0 ? body : "no details")}";
    }
}
