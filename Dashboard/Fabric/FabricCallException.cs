namespace HybridInference.Dashboard.Fabric;

/// <summary>A call to Control or the Router was refused; <see cref="Exception.Message"/> says why, in the service's words.</summary>
internal sealed class FabricCallException(string message) : Exception(message)
{
    /// <summary>A refusal, an unreachable service or a timeout — not the page being closed.</summary>
    public static bool IsFabricFailure(Exception exception, CancellationToken stopping) =>
        exception is HttpRequestException or FabricCallException or System.Text.Json.JsonException
        || exception is TaskCanceledException && !stopping.IsCancellationRequested;
}
