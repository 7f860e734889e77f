namespace HybridInference.LoadTest;

/// <summary>One streamed request as the client saw it; times in milliseconds from its start.</summary>
/// <param name="Error">Why it failed (<c>HTTP 429</c>, the exception's kind); null when it succeeded.</param>
internal readonly record struct RequestSample(bool Succeeded, double TimeToFirstTokenMs, double LatencyMs, int PromptTokens, int CompletionTokens, string? Error = null);
