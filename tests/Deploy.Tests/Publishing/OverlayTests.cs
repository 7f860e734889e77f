using System.Text.RegularExpressions;
using HybridInference.AppHost.Kubernetes;
using HybridInference.Contracts.Configuration;
using k8s;
using k8s.Models;

namespace HybridInference.Deploy.Tests.Publishing;

[Collection(PublishedTreeCollection.Name)]
public sealed partial class OverlayTests(PublishedTree tree)
{
    public static TheoryData<string> Overlays => new(PublishedTree.OverlayNames);

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_builds_and_every_document_parses_strictly_as_its_type(string overlay)
    {
        Assert.NotEmpty(tree.Objects[overlay]);
        Assert.All(tree.Objects[overlay], o => Assert.IsAssignableFrom<IKubernetesObject>(o));
        Assert.All(tree.Objects[overlay].OfType<IMetadata<V1ObjectMeta>>(), o => Assert.Equal(
            o is V1Namespace ? null : KubernetesNames.Namespace, o.Metadata.NamespaceProperty));
    }

    [Fact]
    public void Strict_parsing_refuses_an_unknown_field()
    {
        const string document = "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  portz: []\n";
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(document, PublishedTree.TypeMap, strict: true));
    }

    [Fact]
    public void Overlays_hold_what_their_target_promises()
    {
        static HashSet<string> Deployments(IEnumerable<object> objects) =>
            [.. objects.OfType<V1Deployment>().Select(d => d.Metadata.Name)];

        Assert.Equal(["classifier", "control", "dashboard", "grafana", "prometheus", "redis", "router", "vllm-coding", "vllm-general"],
            Deployments(tree.Objects["appliance-full"]).Order());
        Assert.Single(tree.OfType<V1StatefulSet>("appliance-full"), s => s.Metadata.Name == "postgres");
        Assert.Equal(["classifier", "router"], Deployments(tree.Objects["appliance-slim"]).Order());
        Assert.Empty(tree.OfType<V1StatefulSet>("appliance-slim"));
        Assert.Equal(["classifier", "control", "dashboard", "router"], Deployments(tree.Objects["cluster"]).Order());
        Assert.Empty(tree.OfType<V1StatefulSet>("cluster"));
    }

    [Theory]
    [InlineData("appliance-full", "router", 30801)]
    [InlineData("appliance-full", "dashboard", 30700)]
    [InlineData("appliance-full", "grafana", 30300)]
    [InlineData("appliance-slim", "router", 30801)]
    public void Appliance_services_listen_on_their_node_ports(string overlay, string service, int nodePort)
    {
        var found = tree.OfType<V1Service>(overlay).Single(s => s.Metadata.Name == service);
        Assert.Equal("NodePort", found.Spec.Type);
        Assert.Equal(nodePort, Assert.Single(found.Spec.Ports).NodePort);
    }

    [Fact]
    public void Cluster_runs_replicas_with_autoscaling_budgets_spread_and_an_ingress()
    {
        foreach (var deployment in tree.OfType<V1Deployment>("cluster"))
        {
            Assert.True(deployment.Spec.Replicas >= 2, $"{deployment.Metadata.Name} has {deployment.Spec.Replicas} replicas");
            Assert.NotEmpty(deployment.Spec.Template.Spec.TopologySpreadConstraints);
        }
        Assert.Equal(["classifier", "router"], tree.OfType<V2HorizontalPodAutoscaler>("cluster").Select(h => h.Spec.ScaleTargetRef.Name).Order());
        Assert.Equal(["classifier", "control", "dashboard", "router"], tree.OfType<V1PodDisruptionBudget>("cluster").Select(p => p.Metadata.Name).Order());
        var ingresses = tree.OfType<V1Ingress>("cluster").ToList();
        Assert.Equal([ClusterOverlay.RouterIngress, ClusterOverlay.DashboardIngress], ingresses.Select(i => i.Metadata.Name).Order(StringComparer.Ordinal));
        foreach (var ingress in ingresses)
        {
            Assert.Equal(ClusterOverlay.IngressHostName, Assert.Single(ingress.Spec.Rules).Host);
            Assert.Equal("hybrid-inference-tls", Assert.Single(ingress.Spec.Tls).SecretName);
        }
    }

    [Fact]
    public void Cluster_keeps_Dashboard_circuits_on_one_replica_and_spreads_Router_requests()
    {
        var services = tree.OfType<V1Service>("cluster").ToDictionary(s => s.Metadata.Name);
        Assert.Equal("ClientIP", services["dashboard"].Spec.SessionAffinity);
        Assert.NotEqual("ClientIP", services["router"].Spec.SessionAffinity);

        var ingresses = tree.OfType<V1Ingress>("cluster").ToDictionary(i => i.Metadata.Name);
        var dashboard = ingresses[ClusterOverlay.DashboardIngress];
        Assert.Equal("dashboard", Assert.Single(Assert.Single(dashboard.Spec.Rules).Http.Paths).Backend.Service.Name);
        Assert.Equal("cookie", dashboard.Metadata.Annotations["nginx.ingress.kubernetes.io/affinity"]);
        var router = ingresses[ClusterOverlay.RouterIngress];
        Assert.Equal("router", Assert.Single(Assert.Single(router.Spec.Rules).Http.Paths).Backend.Service.Name);
        Assert.DoesNotContain(router.Metadata.Annotations ?? new Dictionary<string, string>(), a => a.Key.StartsWith("nginx.ingress.kubernetes.io/affinity", StringComparison.Ordinal));
    }

    [Fact]
    public void Cluster_serves_models_as_KubeAI_models_with_their_catalog_listing()
    {
        var models = tree.OfType<KubeAiModel>("cluster").ToList();
        Assert.Equal(["llama-3.1-8b-instruct", "qwen2.5-coder-7b-instruct"], models.Select(m => m.Metadata.Name).Order());
        foreach (var model in models)
        {
            Assert.True(model.Metadata.Name.Length <= KubeAiModels.MaxNameLength);
            Assert.Equal("VLLM", model.Spec.Engine);
            Assert.StartsWith("hf://", model.Spec.Url, StringComparison.Ordinal);
            Assert.Contains(model.Spec.Args, a => RevisionArg().IsMatch(a));
            Assert.Contains(model.Spec.Args, a => a.StartsWith("--gpu-memory-utilization=", StringComparison.Ordinal));
            Assert.True(model.Spec.MinReplicas >= 1 && model.Spec.MaxReplicas >= model.Spec.MinReplicas);
            Assert.NotEmpty(model.Spec.ResourceProfile);
            // Control imports exactly this annotation (Control/Catalog/KubeAiModelImport.cs).
            using var listing = System.Text.Json.JsonDocument.Parse(model.Metadata.Annotations[KubeAiModels.Annotation]);
            Assert.Equal(model.Metadata.Name, listing.RootElement.GetProperty("id").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.String, listing.RootElement.GetProperty("pricing").GetProperty("prompt").ValueKind);
            Assert.Equal(model.Spec.Url[5..], listing.RootElement.GetProperty("hugging_face_id").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_routers_config_in_the_ConfigMap_passes_the_routers_own_validator(string overlay)
    {
        var configMap = tree.OfType<V1ConfigMap>(overlay).Single(c => c.Metadata.Name == KubernetesNames.RouterConfigMap);
        var config = RouterConfigYaml.Parse(configMap.Data["router.yaml"]);
        Assert.Empty(RouterConfigValidator.Validate(config));
        if (overlay == "cluster")
        {
            Assert.Contains(config.Backends, b => b.Url == KubeAiModels.Endpoint);
            Assert.DoesNotContain(config.Backends, b => b.Name.StartsWith("vllm-", StringComparison.Ordinal));
        }
        else
        {
            // The appliance ships the AppHost's own config, as read at publish time.
            Assert.Equal(File.ReadAllText(Path.Combine(AppHostProcess.RepositoryRoot, "AppHost", "Config", "router.yaml")), configMap.Data["router.yaml"]);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_image_is_pinned(string overlay)
    {
        foreach (var (workload, template) in tree.PodTemplates(overlay))
        {
            foreach (var container in template.Spec.Containers.Concat(template.Spec.InitContainers ?? []))
            {
                Assert.True(PinnedImage().IsMatch(container.Image), $"{workload}/{container.Name}: image {container.Image} is not pinned");
            }
        }
    }

    [Fact]
    public void Every_engine_loads_a_pinned_commit_offline_after_its_download_and_its_GPU_neighbour()
    {
        var engines = tree.OfType<V1Deployment>("appliance-full").Where(d => d.Metadata.Labels[KubernetesNames.ComponentLabel] == "engine").ToList();
        Assert.Equal(2, engines.Count);
        foreach (var engine in engines)
        {
            var vllm = Assert.Single(engine.Spec.Template.Spec.Containers);
            Assert.Matches("^[0-9a-f]{40}$", vllm.Args[vllm.Args.IndexOf("--revision") + 1]);
            foreach (var flag in new[] { "--served-model-name", "--gpu-memory-utilization", "--max-model-len", "--max-num-seqs", "--kv-cache-dtype" })
            {
                Assert.Contains(flag, vllm.Args);
            }
            Assert.Contains(vllm.Env, e => e.Name == "HF_HUB_OFFLINE" && e.Value == "1");
            Assert.Equal("1", vllm.Resources.Limits["nvidia.com/gpu"].ToString());
            Assert.Equal("/health", vllm.ReadinessProbe.HttpGet.Path);
            Assert.True(vllm.StartupProbe.FailureThreshold * vllm.StartupProbe.PeriodSeconds >= 600, "model loading takes minutes");
            Assert.Contains(engine.Spec.Template.Spec.InitContainers, c => c.Name == "wait-for-model");
            Assert.Contains(engine.Spec.Template.Spec.Volumes, v => v.PersistentVolumeClaim?.ClaimName == engine.Metadata.Name + "-models");
            var download = tree.OfType<V1Job>("appliance-full").Single(j => j.Metadata.Name == engine.Metadata.Name + "-download");
            Assert.Contains(vllm.Args[vllm.Args.IndexOf("--revision") + 1], download.Spec.Template.Spec.Containers[0].Command);
        }
        var general = engines.Single(e => e.Metadata.Name == "vllm-general");
        Assert.Contains(general.Spec.Template.Spec.InitContainers, c => c.Name == "wait-for-vllm-coding");
    }

    [Theory]
    [InlineData("appliance-full")]
    [InlineData("appliance-slim")]
    public void The_router_waits_for_configure_router_on_the_appliance(string overlay)
    {
        var router = tree.OfType<V1Deployment>(overlay).Single(d => d.Metadata.Name == "router");
        var wait = Assert.Single(router.Spec.Template.Spec.InitContainers);
        Assert.Equal(ApplianceOverlays.WaitContainer, wait.Name);
        Assert.Contains("waiting for configure-router", wait.Command[^1], StringComparison.Ordinal);
        var secrets = router.Spec.Template.Spec.Volumes.Single(v => v.Name == ServiceManifests.SecretsVolume);
        Assert.Contains(secrets.Projected.Sources, s => s.Secret.Name == KubernetesNames.RemoteSecret && s.Secret.Optional == true);
    }

    [Fact]
    public void The_slim_router_reads_its_config_file_and_spools_usage_to_a_claim()
    {
        var router = tree.OfType<V1Deployment>("appliance-slim").Single(d => d.Metadata.Name == "router");
        var container = Assert.Single(router.Spec.Template.Spec.Containers);
        Assert.Contains(container.Env, e => e.Name == "Router__ConfigSource" && e.Value == "file");
        Assert.Contains(container.Env, e => e.Name == "Router__ConfigFile" && e.Value == FabricReader.RouterConfigPath);
        Assert.Equal("router-spool", router.Spec.Template.Spec.Volumes.Single(v => v.Name == ServiceManifests.StateVolume).PersistentVolumeClaim.ClaimName);
        Assert.Single(tree.OfType<V1PersistentVolumeClaim>("appliance-slim"), c => c.Metadata.Name == "router-spool");
    }

    [Fact]
    public void Services_get_the_env_var_contract_with_service_DNS_names_and_secrets_as_files()
    {
        var deployments = tree.OfType<V1Deployment>("appliance-full").ToDictionary(d => d.Metadata.Name);
        var router = deployments["router"].Spec.Template.Spec.Containers[0];
        Assert.Contains(router.Env, e => e.Name == "services__control__http__0" && e.Value == "http://control.hybrid-inference.svc:8080");
        Assert.Contains(router.Env, e => e.Name == "services__vllm-coding__http__0" && e.Value == "http://vllm-coding.hybrid-inference.svc:8000");
        Assert.Contains(router.Env, e => e.Name == "ASPNETCORE_URLS" && e.Value == "http://+:8080");
        // The local stand-in "cloud" is not published, nor is anything only it uses.
        Assert.DoesNotContain(router.Env, e => e.Name.Contains("cloud", StringComparison.OrdinalIgnoreCase));
        var control = deployments["control"].Spec.Template.Spec;
        var files = control.Volumes.Single(v => v.Name == ServiceManifests.SecretsVolume).Projected.Sources.Single().Secret;
        Assert.Equal(KubernetesNames.Secret, files.Name);
        Assert.Equal(["ConnectionStrings__controldb", "ConnectionStrings__redis", "Control__AdminToken", "Control__DevKey", "Control__InternalToken"],
            files.Items.Select(i => i.Key));
        Assert.Contains(control.Containers[0].VolumeMounts, m => m.MountPath == KubernetesNames.SecretsPath && m.ReadOnlyProperty == true);
        Assert.Contains(control.Containers[0].Env, e => e.Name == "Control__SeedConfigFile" && e.Value == FabricReader.RouterConfigPath);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void No_secret_value_appears_in_the_output(string overlay)
    {
        Assert.Empty(tree.OfType<V1Secret>(overlay));
        foreach (var (workload, template) in tree.PodTemplates(overlay))
        {
            foreach (var env in template.Spec.Containers.Concat(template.Spec.InitContainers ?? []).SelectMany(c => c.Env ?? []))
            {
                if (SecretName().IsMatch(env.Name))
                {
                    Assert.True(env.Value is null, $"{workload}: {env.Name} has a literal value");
                }
            }
        }
        Assert.DoesNotContain("sk-hi-", tree.Built[overlay], StringComparison.Ordinal);
        Assert.DoesNotContain("Password=", tree.Built[overlay], StringComparison.Ordinal);
    }

    [Fact]
    public void The_secrets_template_lists_keys_without_values()
    {
        var lines = File.ReadAllLines(Path.Combine(tree.Folder, SecretsComponent.Folder, "secrets.example.env"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Contains("Router__AdminToken=", lines);
        Assert.Contains("ConnectionStrings__controldb=", lines);
        Assert.All(lines, l => Assert.EndsWith("=", l, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^--revision=[0-9a-f]{40}$")]
    private static partial Regex RevisionArg();

    // A registry path with a tag other than latest, or a digest.
    [GeneratedRegex(@"^[a-z0-9./_-]+(:(?!latest$)[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$")]
    private static partial Regex PinnedImage();

    // Names of settings that hold a secret (Control__SecretsDirectory, a folder, does not).
    [GeneratedRegex("(?i)(token|password|api_?key|connectionstrings|secret$)")]
    private static partial Regex SecretName();
}
