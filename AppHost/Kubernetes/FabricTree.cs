namespace HybridInference.AppHost.Kubernetes;

/// <summary>The whole published tree: base, components and the three overlays.</summary>
public static class FabricTree
{
    /// <summary>Builds the tree of <paramref name="fabric"/>; <paramref name="monitoring"/> is the <c>deploy/monitoring</c> folder.</summary>
    public static KustomizeTree Build(PublishedFabric fabric, string monitoring)
    {
        var tree = new KustomizeTree();
        var links = TrafficLinks.Of(fabric);
        BaseLayer.AddTo(tree, fabric, links);
        EngineComponent.AddTo(tree, fabric, links);
        MonitoringComponent.AddTo(tree, fabric, monitoring);
        SecretsComponent.AddTo(tree, fabric);
        ApplianceOverlays.AddTo(tree, fabric);
        ClusterOverlay.AddTo(tree, fabric);
        return tree;
    }
}
