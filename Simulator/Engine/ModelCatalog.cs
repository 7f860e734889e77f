using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace HybridInference.Simulator.Engine;

/// <summary>The models this engine serves; each has a dense index used by the scheduler and the metrics.</summary>
internal sealed class ModelCatalog
{
    private readonly FrozenDictionary<string, int> _indexByName;

    public ModelCatalog(IOptions<SimulatorOptions> options)
    {
        Names = [.. options.Value.ServedModels];
        _indexByName = Names.Select((name, index) => KeyValuePair.Create(name, index)).ToFrozenDictionary(StringComparer.Ordinal);
        CreatedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }

    /// <summary>Model names in configuration order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>When the models were "loaded" (Unix seconds), reported as <c>created</c> by <c>/v1/models</c>.</summary>
    public long CreatedAt { get; }

    public bool TryGetIndex(string name, out int index) => _indexByName.TryGetValue(name, out index);
}
