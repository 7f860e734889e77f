using System.Text;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>
/// <c>components/secrets</c>: the operator's Secret from a git-ignored <c>secrets.env</c> beside it. Optional, so
/// every overlay builds without it; the template lists every key the published workloads read.
/// </summary>
public static class SecretsComponent
{
    /// <summary>The folder.</summary>
    public const string Folder = "components/secrets";
    /// <summary>The operator's file, git-ignored.</summary>
    public const string EnvFile = "secrets.env";

    /// <summary>Adds the component and the template to <paramref name="tree"/>.</summary>
    public static void AddTo(KustomizeTree tree, PublishedFabric fabric)
    {
        var kustomization = Kustomization.Component();
        kustomization.SecretGenerator.Add(new Generator { Name = KubernetesNames.Secret, Envs = [EnvFile] });
        kustomization.GeneratorOptions = new GeneratorOptions { DisableNameSuffixHash = true };
        tree.Add($"{Folder}/kustomization.yaml", kustomization.ToYaml());
        tree.Add($"{Folder}/secrets.example.env", Template(fabric));
    }

    /// <summary>Every key of the operator's Secret, each with what it holds and no value.</summary>
    public static IReadOnlyList<(string Key, string Meaning)> Keys(PublishedFabric fabric)
    {
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in fabric.Services)
        {
            foreach (var key in service.SecretKeys)
            {
                keys[key] = key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
                    ? $"connection string ({ConnectionHint(fabric, key)})"
                    : $"read by {string.Join(", ", fabric.Services.Where(s => s.SecretKeys.Contains(key)).Select(s => s.Name))}" +
                      (fabric.SameValueAs(key).Any() ? $"; the same value as {string.Join(", ", fabric.SameValueAs(key))}" : "");
            }
        }
        if (fabric.Postgres is not null)
        {
            keys[KubernetesNames.PostgresPasswordKey] = "the in-cluster PostgreSQL's password (the one in ConnectionStrings__controldb)";
        }
        if (fabric.Redis is not null)
        {
            keys[KubernetesNames.RedisPasswordKey] = "the in-cluster Redis' password (the one in ConnectionStrings__redis)";
        }
        keys[KubernetesNames.GrafanaPasswordKey] = "Grafana's admin password (appliance-full)";
        keys[KubernetesNames.HuggingFaceTokenKey] = "optional: Hugging Face token for gated models, read by the download Jobs";
        keys["Router__DevKey"] = "appliance-slim: the key clients use while there is no Control (sk-hi-...)";
        return [.. keys.Select(k => (k.Key, k.Value))];
    }

    private static string ConnectionHint(PublishedFabric fabric, string key) => key switch
    {
        "ConnectionStrings__controldb" when fabric.Postgres is { } p =>
            $"in cluster: Host={p.Name}.{KubernetesNames.Namespace}.svc;Port={p.Port};Database={p.Database};Username=postgres;Password=<POSTGRES_PASSWORD>",
        "ConnectionStrings__redis" when fabric.Redis is { } r =>
            $"in cluster: {r.Name}.{KubernetesNames.Namespace}.svc:{r.Port},password=<REDIS_PASSWORD>",
        _ => "see README",
    };

    private static string Template(PublishedFabric fabric)
    {
        var text = new StringBuilder();
        text.AppendLine("# Copy to secrets.env (git-ignored) beside this file and fill in every value, then either add");
        text.AppendLine("# `components: [../../components/secrets]` to your overlay, or create the Secret directly:");
        text.AppendLine($"#   kubectl create secret generic {KubernetesNames.Secret} -n {KubernetesNames.Namespace} --from-env-file=deploy/kubernetes/{Folder}/{EnvFile}");
        foreach (var (key, meaning) in Keys(fabric))
        {
            text.AppendLine($"# {meaning}");
            text.AppendLine($"{key}=");
        }
        return text.ToString();
    }
}
