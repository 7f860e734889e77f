namespace HybridInference.Simulator.Protocol;

/// <summary>OpenAI's <c>stream_options</c>.</summary>
internal sealed record StreamOptions
{
    /// <summary>When true, a stream ends with a chunk that has no choices and the request's <c>usage</c>.</summary>
    public bool? IncludeUsage { get; init; }
}
