using HybridInference.Contracts.Configuration;
using HybridInference.Router.Requests;

namespace HybridInference.Router.Targets;

/// <summary>A catalog model with its targets bound to live backend state.</summary>
internal sealed record ModelEntry(ModelConfig Config, ModelTargetEntry[] Targets)
{
    public string Id => Config.Id;

    /// <summary>The model is marked local: its remote targets are never used.</summary>
    public bool LocalOnly { get; } = Config.Locality == BackendLocality.Local;

    /// <summary>Whether the model can be asked for the given API (<c>embedding</c> models only for embeddings).</summary>
    public bool Serves(ApiKind api) => api == ApiKind.Embeddings
        ? Config.Kind == "embedding"
        : Config.Kind != "embedding";
}
