using HybridInference.Contracts.Configuration;

namespace HybridInference.Router.Targets;

/// <summary>
/// The live state of one backend: its resolved address, requests in flight, circuit breaker and engine load.
/// Survives config reloads (looked up by name), so a reload does not reset health or load.
/// </summary>
internal sealed class BackendState(string name, TimeProvider time)
{
    private readonly Lock _circuitLock = new();
    private int _inFlight;
    private int _consecutiveFailures;
    private long _openUntilTicks;
    private int _trialInFlight;

    public string Name { get; } = name;

    /// <summary>The backend's current config; replaced on reload.</summary>
    public BackendConfig Config { get; set; } = new() { Name = name, Url = "http://invalid" };

    /// <summary>Base URL requests go to (service discovery applied), without a trailing slash.</summary>
    public string BaseUrl { get; set; } = "http://invalid";

    /// <summary>Upstream API key (from secrets) for remote backends, or null.</summary>
    public string? ApiKey { get; set; }

    public bool IsLocal => Config.Locality == BackendLocality.Local;

    /// <summary>
    /// Whether a broken stream may be continued here: allowed by the config and served by the kind (vLLM's
    /// <c>continue_final_message</c>, which the Simulator mimics; OpenAI's API has no such parameter).
    /// </summary>
    public bool CanContinueStreams => Config.SupportsContinuation && Config.Kind is "vllm" or "simulator" or "kubeai";

    /// <summary>
    /// Where the prober asks whether the backend is up: vLLM's <c>/health</c>, or for KubeAI (which serves only its
    /// OpenAI routes under the base URL, and scales engines to zero) its model list.
    /// </summary>
    public string HealthPath => Config.Kind == "kubeai" ? "/v1/models" : "/health";

    /// <summary>Whether the backend exposes an engine's own <c>/metrics</c> (queue, KV cache) for spill-over.</summary>
    public bool HasEngineMetrics => Config.Kind != "kubeai";

    public int InFlight => Volatile.Read(ref _inFlight);

    public CircuitState Circuit { get; private set; } = CircuitState.Closed;

    /// <summary>Drained by an operator (Router/Operations): no new work is planned for it. Kept across config reloads.</summary>
    public bool Drained { get; set; }

    /// <summary>Last scraped engine load, or null when the backend exposes none.</summary>
    public EngineLoad? Load { get; set; }

    /// <summary>Why the backend last failed, for health details.</summary>
    public string? LastError { get; private set; }

    /// <summary>Raised with the new state when the circuit changes.</summary>
    public event Action<BackendState, CircuitState>? CircuitChanged;

    /// <summary>Whether a request may be sent now; claims the single half-open trial when the open period has ended.</summary>
    public bool TryAdmit()
    {
        switch (Circuit)
        {
            case CircuitState.Closed:
                return true;
            case CircuitState.Open when time.GetUtcNow().UtcTicks >= Volatile.Read(ref _openUntilTicks):
                lock (_circuitLock)
                {
                    if (Circuit == CircuitState.Open)
                    {
                        SetCircuit(CircuitState.HalfOpen);
                    }
                }
                return Interlocked.CompareExchange(ref _trialInFlight, 1, 0) == 0;
            case CircuitState.HalfOpen:
                return Interlocked.CompareExchange(ref _trialInFlight, 1, 0) == 0;
            default:
                return false;
        }
    }

    /// <summary>Whether the circuit lets traffic through now, without claiming a trial (for planning and <c>/health</c>).</summary>
    public bool IsAvailable => Circuit switch
    {
        CircuitState.Closed => true,
        CircuitState.Open => time.GetUtcNow().UtcTicks >= Volatile.Read(ref _openUntilTicks),
        _ => Volatile.Read(ref _trialInFlight) == 0,
    };

    /// <summary>
    /// Whether the backend is full: the Router's own in-flight count says so, or the engine's queue, KV cache or recent
    /// time to first token does.
    /// </summary>
    public bool IsSaturated(SpilloverThresholds thresholds) =>
        InFlight >= Config.MaxConcurrency ||
        Load is { } load && (load.WaitingRequests >= thresholds.WaitingRequests || load.KvCacheUsage >= thresholds.KvCacheUsage
            || load.TimeToFirstTokenSeconds >= thresholds.TimeToFirstTokenSeconds);

    /// <summary>Load score for least-outstanding-requests balancing, weights honoured.</summary>
    public double Score => (InFlight + 1.0 + (Load?.WaitingRequests ?? 0)) / Config.Weight;

    public void BeginRequest() => Interlocked.Increment(ref _inFlight);

    public void EndRequest() => Interlocked.Decrement(ref _inFlight);

    public void RecordSuccess()
    {
        Volatile.Write(ref _consecutiveFailures, 0);
        if (Circuit != CircuitState.Closed)
        {
            lock (_circuitLock)
            {
                Volatile.Write(ref _trialInFlight, 0);
                LastError = null;
                SetCircuit(CircuitState.Closed);
            }
        }
    }

    public void RecordFailure(string reason, int threshold, TimeSpan openFor)
    {
        LastError = reason;
        var failures = Interlocked.Increment(ref _consecutiveFailures);
        if (Circuit == CircuitState.HalfOpen || failures >= threshold)
        {
            lock (_circuitLock)
            {
                Volatile.Write(ref _openUntilTicks, (time.GetUtcNow() + openFor).UtcTicks);
                Volatile.Write(ref _trialInFlight, 0);
                if (Circuit != CircuitState.Open)
                {
                    SetCircuit(CircuitState.Open);
                }
            }
        }
    }

    private void SetCircuit(CircuitState state)
    {
        Circuit = state;
        CircuitChanged?.Invoke(this, state);
    }
}
