using System.Net.Http.Headers;
using System.Text.Json;

namespace HybridInference.Control.Commands;

/// <summary>Asks a remote endpoint's <c>/v1/models</c> with the key, so a wrong URL, key or model name is refused before it is stored.</summary>
internal sealed class RemoteModelsProbe(HttpClient http)
{
    /// <summary>Null when the endpoint answers with the key and lists every model in <paramref name="expected"/>; otherwise why not.</summary>
    public async Task<string?> FindProblemAsync(string baseUrl, string apiKey, IReadOnlyCollection<string> expected, CancellationToken cancellationToken)
    {
        var url = baseUrl + "/v1/models";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}" +
                    (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden ? ": check the API key" : "");
            }
            var listed = await ReadModelIdsAsync(response, cancellationToken);
            var missing = expected.Where(id => !listed.Contains(id)).ToList();
            return missing.Count == 0 ? null
                : $"{url} does not list {string.Join(", ", missing)}; it serves: {string.Join(", ", listed.Order(StringComparer.Ordinal))}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return $"{url} could not be read: {ex.Message}";
        }
    }

    private static async Task<HashSet<string>> ReadModelIdsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var model in data.EnumerateArray())
            {
                if (model.TryGetProperty("id", out var id) && id.GetString() is { } name)
                {
                    ids.Add(name);
                }
            }
        }
        return ids;
    }
}
