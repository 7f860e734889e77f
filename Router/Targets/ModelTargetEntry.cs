namespace HybridInference.Router.Targets;

/// <summary>A backend serving a catalog model, under the name the backend knows the model by.</summary>
/// <param name="Backend">The backend's live state.</param>
/// <param name="UpstreamModel">The <c>model</c> value sent upstream.</param>
internal sealed record ModelTargetEntry(BackendState Backend, string UpstreamModel);
