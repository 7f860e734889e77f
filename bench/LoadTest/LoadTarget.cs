namespace HybridInference.LoadTest;

/// <summary>One OpenAI-compatible endpoint under test.</summary>
/// <param name="Label">Name in the tables, e.g. <c>router</c> or <c>direct</c>.</param>
/// <param name="BaseUrl">Base URL with or without <c>/v1</c>.</param>
/// <param name="ApiKey">Bearer key sent with every request.</param>
/// <param name="Model">Model asked for.</param>
internal sealed record LoadTarget(string Label, string BaseUrl, string ApiKey, string Model)
{
    /// <summary>The SDK's endpoint: the base URL ending in <c>/v1</c>.</summary>
    public Uri Endpoint => new(BaseUrl.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal) ? BaseUrl.TrimEnd('/') : BaseUrl.TrimEnd('/') + "/v1");
}
