namespace HybridInference.Simulator.Faults;

/// <summary>
/// The engine's run-time conditions, shown and changed at <c>/admin/faults</c>: injected faults, and the timing
/// knobs that make a healthy engine slow or saturated (to a Router both are reasons to go elsewhere).
/// </summary>
internal sealed record FaultSettings
{
    /// <summary>Share of inference requests (0..1) answered with <see cref="ErrorStatus"/> instead of a result.</summary>
    public double ErrorRate { get; init; }

    /// <summary>The HTTP status of injected errors (400..599). Default 500.</summary>
    public int ErrorStatus { get; init; } = StatusCodes.Status500InternalServerError;

    /// <summary>Milliseconds added before each inference request is looked at (network or proxy delay; holds no slot).</summary>
    public double AddedLatencyMs { get; init; }

    /// <summary>Every <c>/v1</c> call answers 503 and <c>/health</c> reports unhealthy.</summary>
    public bool Down { get; init; }

    /// <summary>Requests take a slot and then never answer until the client gives up.</summary>
    public bool Hang { get; init; }

    /// <summary>Streams are cut (connection aborted, no <c>[DONE]</c>) after this many content tokens; null: never.</summary>
    public int? CutStreamAfterTokens { get; init; }

    /// <summary>Milliseconds from taking a slot to the first token.</summary>
    public double TimeToFirstTokenMs { get; init; }

    /// <summary>Decode speed per request; 0 means unlimited.</summary>
    public double TokensPerSecond { get; init; }

    /// <summary>Running slots; requests beyond them queue.</summary>
    public int MaxConcurrency { get; init; }
}
