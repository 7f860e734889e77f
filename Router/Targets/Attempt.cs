namespace HybridInference.Router.Targets;

/// <summary>One place a request may be sent: a candidate model on one of its backends.</summary>
/// <param name="Model">The catalog model.</param>
/// <param name="Target">The backend and the model name it knows.</param>
/// <param name="Spillover">Whether this is a remote target chosen because every local one was down or full.</param>
internal readonly record struct Attempt(ModelEntry Model, ModelTargetEntry Target, bool Spillover)
{
    public BackendState Backend => Target.Backend;
}
