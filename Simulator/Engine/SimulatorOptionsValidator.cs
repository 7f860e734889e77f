using Microsoft.Extensions.Options;

namespace HybridInference.Simulator.Engine;

/// <summary>Rejects settings the engine cannot run with, at start rather than on the first request.</summary>
internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    /// <summary>The largest embedding a request may ask for.</summary>
    public const int MaxEmbeddingDimensions = 16384;

    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        List<string>? failures = null;
        void Fail(string message) => (failures ??= []).Add(message);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in options.ServedModels)
        {
            if (string.IsNullOrWhiteSpace(model))
            {
                Fail("Simulator:Models has an empty name.");
            }
            else if (!seen.Add(model))
            {
                Fail($"Simulator:Models lists '{model}' twice.");
            }
        }
        if (options.DefaultMaxTokens < 1)
        {
            Fail("Simulator:DefaultMaxTokens must be at least 1.");
        }
        if (options.MaxModelLen < 1)
        {
            Fail("Simulator:MaxModelLen must be at least 1.");
        }
        if (options.TimeToFirstTokenMs < 0 || !double.IsFinite(options.TimeToFirstTokenMs))
        {
            Fail("Simulator:TimeToFirstTokenMs must be a finite number of milliseconds, 0 or more.");
        }
        if (options.TokensPerSecond < 0 || !double.IsFinite(options.TokensPerSecond))
        {
            Fail("Simulator:TokensPerSecond must be 0 (unlimited) or more.");
        }
        if (options.MaxConcurrency < 1)
        {
            Fail("Simulator:MaxConcurrency must be at least 1.");
        }
        if (options.EmbeddingDimensions is < 1 or > MaxEmbeddingDimensions)
        {
            Fail($"Simulator:EmbeddingDimensions must be between 1 and {MaxEmbeddingDimensions}.");
        }
        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
