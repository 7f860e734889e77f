namespace HybridInference.Control.Catalog;

/// <summary>An <c>auto</c> rule: requests the classifier puts in <see cref="Domain"/> go to <see cref="Target"/> (a route or model).</summary>
internal sealed class RoutingRule
{
    public required string Domain { get; set; }
    public required string Target { get; set; }
}
