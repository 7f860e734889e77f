using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Contracts;
using HybridInference.Contracts.Classification;

namespace HybridInference.Dashboard.Fabric;

/// <summary>The Classifier, asked the same three questions <c>auto</c> asks: domain, guard and personal data.</summary>
internal sealed class ClassifierApi(HttpClient http)
{
    public async Task<ClassifyResult> ClassifyAsync(string text, CancellationToken cancellationToken)
    {
        var request = new ClassifyRequest(JsonSerializer.SerializeToElement(text), ClassifierTasks.All);
        using var response = await http.PostAsJsonAsync("/v1/classify", request, ContractJson.Options, cancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<ClassifyResponse>(ContractJson.Options, cancellationToken);
        return answer?.Results is [var first, ..] ? first : new ClassifyResult();
    }
}
