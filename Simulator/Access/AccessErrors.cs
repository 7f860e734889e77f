namespace HybridInference.Simulator.Access;

/// <summary>The shape a refused call is answered in: each API keeps its own error shape.</summary>
internal enum AccessErrors
{
    /// <summary><c>{"error":{…}}</c>, for the OpenAI-compatible <c>/v1</c> API.</summary>
    OpenAi,

    /// <summary>RFC 9457 problem details, for the admin API.</summary>
    ProblemDetails,
}
