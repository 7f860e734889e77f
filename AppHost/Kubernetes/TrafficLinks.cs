namespace HybridInference.AppHost.Kubernetes;

/// <summary>Who calls whom, on which port: the app model's references, as the NetworkPolicies open them.</summary>
public sealed class TrafficLinks
{
    private readonly List<(string From, string To, int Port)> _links = [];

    /// <summary>The links of <paramref name="fabric"/>'s services to what they reference.</summary>
    public static TrafficLinks Of(PublishedFabric fabric)
    {
        var links = new TrafficLinks();
        foreach (var service in fabric.Services)
        {
            foreach (var callee in service.References)
            {
                links.Add(service.Name, callee, PortOf(fabric, callee));
            }
        }
        return links;
    }

    /// <summary>Adds a link.</summary>
    public void Add(string from, string to, int port) => _links.Add((from, to, port));

    /// <summary>Workloads that call <paramref name="name"/>.</summary>
    public IReadOnlyList<string> Callers(string name) => [.. _links.Where(l => l.To == name).Select(l => l.From).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>What <paramref name="name"/> calls, among <paramref name="present"/> workloads.</summary>
    public IReadOnlyList<(string Name, int Port)> Callees(string name, ISet<string> present) =>
        [.. _links.Where(l => l.From == name && present.Contains(l.To)).Select(l => (l.To, l.Port)).Distinct().OrderBy(l => l.To, StringComparer.Ordinal)];

    /// <summary>The port <paramref name="name"/> listens on.</summary>
    public static int PortOf(PublishedFabric fabric, string name) =>
        fabric.Engines.Any(e => e.Name == name) ? PublishedEngine.Port
        : fabric.Postgres?.Name == name ? fabric.Postgres.Port
        : fabric.Redis?.Name == name ? fabric.Redis.Port
        : FabricReader.ServicePort;
}
