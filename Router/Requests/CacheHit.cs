namespace HybridInference.Router.Requests;

/// <summary>An answer served from the response cache: the catalog model that once produced it, and what a hit costs.</summary>
internal sealed record CacheHit(string Model, decimal Price)
{
    /// <summary>The backend named for answers the response cache served (headers, usage records).</summary>
    public const string Backend = "cache";
}
