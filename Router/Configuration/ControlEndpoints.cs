using Microsoft.Extensions.Options;

namespace HybridInference.Router.Configuration;

/// <summary>Whether Control and the Classifier are configured (service discovery entries), and the clients' names.</summary>
internal sealed class ControlEndpoints(IConfiguration configuration, IOptions<RouterOptions> options)
{
    public const string ControlClient = "control";
    public const string ClassifierClient = "classifier";

    /// <summary>Whether Control's internal API is configured (<c>services:control</c>).</summary>
    public bool HasControl { get; } = configuration.GetSection("services:control").Exists();

    /// <summary>Whether the Classifier is configured (<c>services:classifier</c>).</summary>
    public bool HasClassifier { get; } = configuration.GetSection("services:classifier").Exists();

    /// <summary>Whether routing config comes from Control rather than the file.</summary>
    public bool UsesControlConfig => options.Value.ConfigSource is { } source
        ? string.Equals(source, "control", StringComparison.OrdinalIgnoreCase)
        : HasControl;
}
