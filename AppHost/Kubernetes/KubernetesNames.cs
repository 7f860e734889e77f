namespace HybridInference.AppHost.Kubernetes;

/// <summary>Names shared by every published object, and by the appliance files that refer to them.</summary>
public static class KubernetesNames
{
    /// <summary>The fabric's namespace.</summary>
    public const string Namespace = "hybrid-inference";
    /// <summary>The operator-made Secret whose keys the services read as files in <c>/run/secrets</c>.</summary>
    public const string Secret = "hybrid-inference-secrets";
    /// <summary>The Secret <c>configure-router</c> writes: the remote endpoint's API key.</summary>
    public const string RemoteSecret = "router-remote";
    /// <summary>Its one key.</summary>
    public const string RemoteApiKey = "REMOTE_API_KEY";
    /// <summary>The ConfigMap holding the Router's YAML config (key <c>router.yaml</c>).</summary>
    public const string RouterConfigMap = "router-config";
    /// <summary>Key of <see cref="Secret"/> with PostgreSQL's superuser password (it must match <c>ConnectionStrings__controldb</c>).</summary>
    public const string PostgresPasswordKey = "POSTGRES_PASSWORD";
    /// <summary>Key of <see cref="Secret"/> with Redis' password (it must match the <c>ConnectionStrings__redis</c> values).</summary>
    public const string RedisPasswordKey = "REDIS_PASSWORD";
    /// <summary>Key of <see cref="Secret"/> with Grafana's admin password.</summary>
    public const string GrafanaPasswordKey = "GRAFANA_ADMIN_PASSWORD";
    /// <summary>Optional key of <see cref="Secret"/>: a Hugging Face token for gated models (Llama).</summary>
    public const string HuggingFaceTokenKey = "HF_TOKEN";
    /// <summary>Where ServiceDefaults reads secret files.</summary>
    public const string SecretsPath = "/run/secrets";

    /// <summary>Label every pod and its selector carry: the workload's name.</summary>
    public const string NameLabel = "app.kubernetes.io/name";
    /// <summary>Label of the workload's role: <c>service</c>, <c>engine</c>, <c>database</c>, <c>monitoring</c>, <c>model-download</c>.</summary>
    public const string ComponentLabel = "app.kubernetes.io/component";
    /// <summary>Label every object carries.</summary>
    public const string PartOfLabel = "app.kubernetes.io/part-of";
    /// <summary>Value of <see cref="PartOfLabel"/>.</summary>
    public const string PartOf = "hybrid-inference";
}
