using k8s.Models;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>
/// Default deny in both directions, DNS for everyone, and one policy per workload that opens exactly the links
/// the app model has (who references whom): engines hear only the Router, PostgreSQL only Control, Redis only
/// the Router and Control; engines and stores reach nothing but DNS.
/// </summary>
public static class NetworkPolicies
{
    /// <summary>Name of the policy that denies everything not allowed elsewhere.</summary>
    public const string DefaultDenyName = "default-deny";

    /// <summary>Denies all ingress and egress of every pod in the namespace.</summary>
    public static V1NetworkPolicy DefaultDeny() => Policy(DefaultDenyName, new V1LabelSelector(), [], []);

    /// <summary>Lets every pod resolve names (kube-dns on 53, OpenShift/MicroShift DNS pods on 5353).</summary>
    public static V1NetworkPolicy AllowDns() => Policy("allow-dns", new V1LabelSelector(), [],
    [
        new V1NetworkPolicyEgressRule
        {
            To = [new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector() }],
            Ports = [Port(53, "UDP"), Port(53, "TCP"), Port(5353, "UDP"), Port(5353, "TCP")],
        },
    ]);

    /// <summary>
    /// The policy of workload <paramref name="name"/>: ingress on <paramref name="port"/> from <paramref name="callers"/>
    /// (anyone when <paramref name="callers"/> is null), egress to <paramref name="callees"/> and, on
    /// <paramref name="externalPorts"/>, to any address (remote APIs, Hugging Face).
    /// </summary>
    public static V1NetworkPolicy For(string name, int? port, IReadOnlyList<string>? callers,
        IReadOnlyList<(string Name, int Port)> callees, IReadOnlyList<int>? externalPorts = null)
    {
        var ingress = new List<V1NetworkPolicyIngressRule>();
        if (port is { } listening && (callers is null || callers.Count > 0))
        {
            ingress.Add(new V1NetworkPolicyIngressRule
            {
                FromProperty = callers is null ? null : [.. callers.Order(StringComparer.Ordinal).Select(Peer)],
                Ports = [Port(listening, "TCP")],
            });
        }
        var egress = callees.GroupBy(c => c.Port).OrderBy(g => g.Key)
            .Select(g => new V1NetworkPolicyEgressRule { To = [.. g.Select(c => c.Name).Distinct().Order(StringComparer.Ordinal).Select(Peer)], Ports = [Port(g.Key, "TCP")] })
            .ToList();
        if (externalPorts is { Count: > 0 })
        {
            egress.Add(new V1NetworkPolicyEgressRule
            {
                To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0" } }],
                Ports = [.. externalPorts.Order().Select(p => Port(p, "TCP"))],
            });
        }
        return Policy(name, ObjectMeta.Selector(name), ingress, egress);
    }

    /// <summary>A policy selecting <paramref name="selector"/>'s pods, restricting both directions.</summary>
    public static V1NetworkPolicy Policy(string name, V1LabelSelector selector, IList<V1NetworkPolicyIngressRule> ingress,
        IList<V1NetworkPolicyEgressRule> egress) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = name, Labels = ObjectMeta.Labels(name, "network-policy") },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = selector,
            PolicyTypes = ["Ingress", "Egress"],
            Ingress = ingress.Count > 0 ? ingress : null,
            Egress = egress.Count > 0 ? egress : null,
        },
    };

    /// <summary>The pods of workload <paramref name="name"/> as a peer.</summary>
    public static V1NetworkPolicyPeer Peer(string name) => new() { PodSelector = ObjectMeta.Selector(name) };

    /// <summary>A port of a rule.</summary>
    public static V1NetworkPolicyPort Port(int port, string protocol) => new() { Port = port, Protocol = protocol };
}
