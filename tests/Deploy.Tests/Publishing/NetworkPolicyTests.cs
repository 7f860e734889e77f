using HybridInference.AppHost.Kubernetes;
using k8s.Models;

namespace HybridInference.Deploy.Tests.Publishing;

[Collection(PublishedTreeCollection.Name)]
public sealed class NetworkPolicyTests(PublishedTree tree)
{
    public static TheoryData<string> Overlays => new(PublishedTree.OverlayNames);

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Traffic_is_denied_by_default_and_every_pod_has_a_policy_of_its_own(string overlay)
    {
        var policies = tree.OfType<V1NetworkPolicy>(overlay).ToList();
        var deny = Assert.Single(policies, p => p.Metadata.Name == NetworkPolicies.DefaultDenyName);
        Assert.Empty(deny.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Equal(["Egress", "Ingress"], deny.Spec.PolicyTypes.Order());
        Assert.Null(deny.Spec.Ingress);
        Assert.Null(deny.Spec.Egress);
        var specific = policies.Where(p => p.Spec.PodSelector.MatchLabels is { Count: > 0 } || p.Spec.PodSelector.MatchExpressions is { Count: > 0 }).ToList();
        foreach (var (workload, template) in tree.PodTemplates(overlay))
        {
            Assert.True(specific.Any(p => Selects(p.Spec.PodSelector, template.Metadata.Labels)), $"{overlay}: no policy of its own selects {workload}");
        }
    }

    [Fact]
    public void Engines_hear_only_the_router_and_prometheus_and_reach_only_dns()
    {
        var policies = tree.OfType<V1NetworkPolicy>("appliance-full").ToList();
        foreach (var engine in new[] { "vllm-coding", "vllm-general" })
        {
            var labels = ObjectMeta.Labels(engine, EngineManifests.Component);
            var applying = policies.Where(p => Selects(p.Spec.PodSelector, labels)).ToList();
            var callers = applying.SelectMany(p => p.Spec.Ingress ?? []).SelectMany(r => r.FromProperty ?? []).ToList();
            Assert.All(callers, c => Assert.Null(c.IpBlock));
            var names = callers.Select(c => c.PodSelector.MatchLabels[KubernetesNames.NameLabel]).ToHashSet();
            // The Router, the next engine on the shared GPU asking for /health before it loads, and Prometheus's scrape.
            Assert.Contains("router", names);
            Assert.Contains("prometheus", names);
            Assert.Subset(new HashSet<string> { "router", "vllm-general", "prometheus" }, names);
            var egress = applying.SelectMany(p => p.Spec.Egress ?? []).ToList();
            Assert.All(egress.SelectMany(r => r.To ?? []), to => Assert.Null(to.IpBlock));
        }
        // The download Job is the one workload that reaches the internet.
        var downloads = policies.Where(p => p.Metadata.Name.EndsWith("-download", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, downloads.Count);
        Assert.All(downloads, d => Assert.Contains(d.Spec.Egress.SelectMany(r => r.To), to => to.IpBlock?.Cidr == "0.0.0.0/0"));
    }

    [Theory]
    [InlineData("postgres", new[] { "control" })]
    [InlineData("redis", new[] { "control", "dashboard", "router" })]
    public void Data_stores_hear_only_their_services(string store, string[] callers)
    {
        var policy = tree.OfType<V1NetworkPolicy>("appliance-full").Single(p => p.Metadata.Name == store);
        var from = Assert.Single(policy.Spec.Ingress).FromProperty.Select(f => f.PodSelector.MatchLabels[KubernetesNames.NameLabel]);
        Assert.Equal(callers, from.Order());
        Assert.Null(policy.Spec.Egress);
    }

    private static bool Selects(V1LabelSelector selector, IDictionary<string, string> labels) =>
        (selector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value) &&
        (selector.MatchExpressions ?? []).All(e => e.OperatorProperty == "In" && labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v));
}
