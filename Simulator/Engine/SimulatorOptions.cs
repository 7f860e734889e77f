namespace HybridInference.Simulator.Engine;

/// <summary>How the simulated engine behaves; bound from the <c>Simulator</c> configuration section.</summary>
internal sealed record SimulatorOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Simulator";

    /// <summary>The model served when <see cref="Models"/> is empty.</summary>
    public const string DefaultModel = "simulator-model";

    /// <summary>
    /// Model names served (e.g. env <c>Simulator__Models__0</c>). Empty means <c>["simulator-model"]</c>;
    /// the default is applied by <see cref="ServedModels"/> because the binder appends to non-empty defaults.
    /// </summary>
    public string[] Models { get; init; } = [];

    /// <summary>When set, every <c>/v1</c> and <c>/admin</c> call needs <c>Authorization: Bearer &lt;key&gt;</c>. Default: none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Tokens in a full answer; <c>max_tokens</c> caps it. Default 64.</summary>
    public int DefaultMaxTokens { get; init; } = 64;

    /// <summary>Context length in tokens, reported by <c>/v1/models</c> and enforced on prompt + <c>max_tokens</c>. Default 32768.</summary>
    public int MaxModelLen { get; init; } = 32768;

    /// <summary>Milliseconds from taking a slot to the first token (prefill). Default 0.</summary>
    public double TimeToFirstTokenMs { get; init; }

    /// <summary>Decode speed per request in tokens per second; 0 means as fast as possible. Default 0.</summary>
    public double TokensPerSecond { get; init; }

    /// <summary>Requests running at once (vLLM's <c>max_num_seqs</c>); more wait in a FIFO queue. Default 256.</summary>
    public int MaxConcurrency { get; init; } = 256;

    /// <summary>Seed of the random source behind <c>error_rate</c>, so fault sequences repeat. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Length of embedding vectors when a request gives no <c>dimensions</c>. Default 1024 (bge-m3).</summary>
    public int EmbeddingDimensions { get; init; } = 1024;

    /// <summary>The models actually served: <see cref="Models"/>, or <see cref="DefaultModel"/> when none are configured.</summary>
    public IReadOnlyList<string> ServedModels => Models.Length > 0 ? Models : [DefaultModel];
}
