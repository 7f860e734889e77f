using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Configuration;

/// <summary>
/// Everything the Router routes by: backends, the model catalog, roles and aliases, <c>auto</c> rules and the
/// guard policy. Loaded from a YAML file (slim mode) or from Control (versioned), validated by
/// <see cref="RouterConfigValidator"/> before use. Properties here have setters, not <c>init</c>: the JSON source
/// generator binds <c>init</c> properties through an object initializer that overwrites their defaults with null when a
/// key is absent (dotnet/runtime#84484). A loaded config is treated as immutable all the same.
/// </summary>
public sealed record RouterConfig
{
    /// <summary>Version in Control (0 for a file).</summary>
    public long Version { get; set; }
    /// <summary>Model servers and remote APIs.</summary>
    public IReadOnlyList<BackendConfig> Backends { get; set; } = [];
    /// <summary>The catalog: models clients may name, with pricing and where they run.</summary>
    public IReadOnlyList<ModelConfig> Models { get; set; } = [];
    /// <summary>Roles (<c>chat-fast</c>) and aliases (<c>local/chat</c>), each an ordered candidate list.</summary>
    public IReadOnlyList<RouteConfig> Routes { get; set; } = [];
    /// <summary>How <c>auto</c> picks a route.</summary>
    public AutoRoutingConfig Auto { get; set; } = new();
    /// <summary>What to do with jailbreaks and personal data.</summary>
    public GuardPolicy Guard { get; set; } = new();
    /// <summary>The response cache for reproducible requests.</summary>
    public ResponseCacheConfig Cache { get; set; } = new();
}

/// <summary>
/// The response cache: answers to reproducible requests (<c>temperature</c> 0 or a <c>seed</c>, or asked for with
/// <c>x-hybrid-cache: use</c>), per customer, in Redis when the Router has one, else in a bounded in-process LRU.
/// </summary>
public sealed record ResponseCacheConfig
{
    /// <summary>Whether answers are cached at all; default true.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How long an answer is served from the cache, in seconds; default 300.</summary>
    public int TtlSeconds { get; set; } = 300;
    /// <summary>Answers kept by the in-process cache (least recently used go first); default 10000.</summary>
    public int MaxEntries { get; set; } = 10_000;
    /// <summary>Largest answer cached, in bytes (larger ones are served, not kept); default 1048576.</summary>
    public int MaxEntryBytes { get; set; } = 1 << 20;
    /// <summary>What a cache hit costs, per request, in the catalog's currency; default 0.</summary>
    public decimal HitPrice { get; set; }
}

/// <summary>Whether a backend runs on the operator's own hardware.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<BackendLocality>))]
public enum BackendLocality
{
    /// <summary>On the operator's own hardware; preferred, and the only place private data may go.</summary>
    Local,
    /// <summary>A remote API; used when local targets are down or full.</summary>
    Remote,
}

/// <summary>An OpenAI-compatible server.</summary>
public sealed record BackendConfig
{
    /// <summary>Unique name, e.g. <c>vllm-coding</c>.</summary>
    public required string Name { get; set; }
    /// <summary>Base URL: a service name (<c>http://vllm-coding</c>) resolved by service discovery, or a plain URL.</summary>
    public required string Url { get; set; }
    /// <summary>
    /// <c>vllm</c>, <c>openai</c>, <c>simulator</c> or <c>kubeai</c> (KubeAI's OpenAI endpoint in front of vLLM engines);
    /// <c>vllm</c> and <c>simulator</c> expose <c>/metrics</c> for spill-over.
    /// </summary>
    public string Kind { get; set; } = "vllm";
    /// <summary>Local or remote.</summary>
    public BackendLocality Locality { get; set; } = BackendLocality.Local;
    /// <summary>Name of the secret holding the API key sent upstream (read from a secret file or configuration), or null.</summary>
    public string? ApiKeySecret { get; set; }
    /// <summary>Requests the Router sends at once before it counts the backend as full; default 64.</summary>
    public int MaxConcurrency { get; set; } = 64;
    /// <summary>Relative share among healthy targets of a model; default 1.</summary>
    public int Weight { get; set; } = 1;
    /// <summary>
    /// Whether the Router may continue a broken stream on this backend (an assistant prefix continued through vLLM's
    /// <c>continue_final_message</c>); default true. Only kinds that serve that parameter (<c>vllm</c>, <c>simulator</c>)
    /// ever continue: OpenAI's API has no such parameter, so an <c>openai</c> backend never does, whatever this says.
    /// </summary>
    public bool SupportsContinuation { get; set; } = true;
}

/// <summary>A catalog model, with OpenRouter-style metadata.</summary>
public sealed record ModelConfig
{
    /// <summary>Id clients send as <c>model</c>, e.g. <c>qwen2.5-coder-7b</c>.</summary>
    public required string Id { get; set; }
    /// <summary>Display name.</summary>
    public string? Name { get; set; }
    /// <summary>Hugging Face repository the weights come from.</summary>
    public string? HuggingFaceId { get; set; }
    /// <summary>Context window in tokens.</summary>
    public int ContextLength { get; set; } = 8192;
    /// <summary>Largest completion in tokens; the worst case reserved against budgets when a request sets no <c>max_tokens</c>.</summary>
    public int MaxOutputLength { get; set; } = 4096;
    /// <summary><c>chat</c>, <c>completion</c> or <c>embedding</c>.</summary>
    public string Kind { get; set; } = "chat";
    /// <summary>Prices per token.</summary>
    public ModelPricing Pricing { get; set; } = new();
    /// <summary>Features such as <c>tools</c>, <c>json_mode</c>, <c>reasoning</c>.</summary>
    public IReadOnlyList<string> Features { get; set; } = [];
    /// <summary><c>local</c>: never served by a remote backend, even when every local one is down; null: any target.</summary>
    public BackendLocality? Locality { get; set; }
    /// <summary>Where the model runs, in order of preference among equals.</summary>
    public IReadOnlyList<ModelTarget> Targets { get; set; } = [];
}

/// <summary>A backend serving a model, under the name that backend knows it by.</summary>
public sealed record ModelTarget
{
    /// <summary>A <see cref="BackendConfig.Name"/>.</summary>
    public required string Backend { get; set; }
    /// <summary>The model name sent to the backend; the catalog id when null.</summary>
    public string? UpstreamModel { get; set; }
}

/// <summary>Prices per token (per request for <see cref="Request"/>) in the catalog's currency.</summary>
public sealed record ModelPricing
{
    /// <summary>Per prompt token.</summary>
    public decimal Prompt { get; set; }
    /// <summary>Per completion token.</summary>
    public decimal Completion { get; set; }
    /// <summary>Per request.</summary>
    public decimal Request { get; set; }
    /// <summary>Per image.</summary>
    public decimal Image { get; set; }
    /// <summary>Per cached prompt token read.</summary>
    public decimal InputCacheRead { get; set; }
    /// <summary>Per prompt token written to the cache.</summary>
    public decimal InputCacheWrite { get; set; }
}

/// <summary>A role (<c>chat-fast</c>) or alias (<c>local/chat</c>) naming an ordered list of catalog models.</summary>
public sealed record RouteConfig
{
    /// <summary>The name clients send as <c>model</c>.</summary>
    public required string Name { get; set; }
    /// <summary>Catalog model ids, tried in order.</summary>
    public required IReadOnlyList<string> Candidates { get; set; }
    /// <summary>
    /// <c>local</c>: never served by a remote backend, even when every local one is down; null: any target. The legacy
    /// <c>local/…</c> aliases are local whatever this says.
    /// </summary>
    public BackendLocality? Locality { get; set; }
    /// <summary>Which requests naming this route are classified and guarded; null: the <see cref="GuardPolicy.Mode"/> default.</summary>
    public GuardMode? Guard { get; set; }
    /// <summary>What requests naming this route do while the classifier cannot answer; null: the guard policy's default.</summary>
    public ClassifierUnavailablePolicy? OnClassifierUnavailable { get; set; }
}

/// <summary>Rules for <c>model: "auto"</c>.</summary>
public sealed record AutoRoutingConfig
{
    /// <summary>Route or model used when the classifier is down, slow or names an unmapped domain.</summary>
    public string DefaultRoute { get; set; } = "chat-fast";
    /// <summary>Domain label → route or model.</summary>
    public IReadOnlyDictionary<string, string> Domains { get; set; } = new Dictionary<string, string>();
    /// <summary>How long the Router waits for the classifier, in milliseconds; default 50.</summary>
    public int ClassifierTimeoutMs { get; set; } = 50;
}

/// <summary>What <see cref="GuardPolicy"/> does with a jailbreak.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<JailbreakAction>))]
public enum JailbreakAction
{
    /// <summary>Refuse with a content-policy error.</summary>
    Block,
    /// <summary>Serve, but mark the request in headers and usage.</summary>
    Flag,
}

/// <summary>What <see cref="GuardPolicy"/> does with personal data.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<PiiAction>))]
public enum PiiAction
{
    /// <summary>Send to local backends only.</summary>
    LocalOnly,
    /// <summary>Replace spans with typed placeholders before a remote backend sees them.</summary>
    Redact,
    /// <summary>No restriction.</summary>
    Allow,
}

/// <summary>Which requests are classified and guarded (jailbreak and personal data) before they are forwarded.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<GuardMode>))]
public enum GuardMode
{
    /// <summary>Every chat, completions and responses request, whatever model or role it names.</summary>
    All,
    /// <summary>Only requests for <c>auto</c>.</summary>
    AutoOnly,
    /// <summary>None (<c>auto</c> still asks the classifier for the domain).</summary>
    Off,
}

/// <summary>What a guarded request does while the classifier is down, failing or slower than its timeout.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ClassifierUnavailablePolicy>))]
public enum ClassifierUnavailablePolicy
{
    /// <summary>Forward it, marked unchecked (<c>x-hybrid-guard: unchecked</c>, a metric, the usage record).</summary>
    Open,
    /// <summary>Refuse it with 503 in OpenAI's error shape.</summary>
    Closed,
}

/// <summary>Guard policy: which requests are guarded, and what a jailbreak or personal data leads to.</summary>
public sealed record GuardPolicy
{
    /// <summary>Which requests are guarded unless a route or key says otherwise; default <see cref="GuardMode.All"/>.</summary>
    public GuardMode Mode { get; set; } = GuardMode.All;
    /// <summary>What guarded requests do while the classifier cannot answer; default <see cref="ClassifierUnavailablePolicy.Open"/>.</summary>
    public ClassifierUnavailablePolicy OnClassifierUnavailable { get; set; } = ClassifierUnavailablePolicy.Open;
    /// <summary>
    /// Jailbreak probability at or above which <see cref="JailbreakAction"/> applies. Unset (the default): the guard
    /// model's own verdict, taken at the threshold it was calibrated for, so a retrained model brings its threshold.
    /// </summary>
    public double? JailbreakThreshold { get; set; }
    /// <summary>Block or flag.</summary>
    public JailbreakAction JailbreakAction { get; set; } = JailbreakAction.Block;
    /// <summary>Local only, redact or allow.</summary>
    public PiiAction PiiAction { get; set; } = PiiAction.LocalOnly;
}
