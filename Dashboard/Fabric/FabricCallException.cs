namespace HybridInference.Dashboard.Fabric;

/// <summary>A call to Control or the Router was refused; <see cref="Exception.Message"/> says why, in the service's words.</summary>
internal sealed class FabricCallException(string message) : Exception(message);
