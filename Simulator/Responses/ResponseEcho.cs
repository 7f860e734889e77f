namespace HybridInference.Simulator.Responses;

/// <summary>The request settings a response object repeats back.</summary>
/// <param name="Instructions">The request's <c>instructions</c>, or null.</param>
/// <param name="MaxOutputTokens">The request's <c>max_output_tokens</c>, or null.</param>
/// <param name="Temperature">The request's <c>temperature</c>; OpenAI reports 1 when none was given.</param>
internal sealed record ResponseEcho(string? Instructions, int? MaxOutputTokens, double Temperature);
