namespace HybridInference.AppHost.RunFile;

/// <summary>Secrets the fabric generates once and keeps in the AppHost's user secrets.</summary>
/// <param name="DevKeySuffix">Random part of the local dev key.</param>
/// <param name="AdminToken">Bearer token of Control's admin API and the Router's admin endpoints.</param>
/// <param name="InternalToken">Bearer token the Router presents to Control's internal API.</param>
/// <param name="CloudApiKey">API key of the remote "cloud" backend.</param>
public sealed record FabricSecrets(
    IResourceBuilder<ParameterResource> DevKeySuffix,
    IResourceBuilder<ParameterResource> AdminToken,
    IResourceBuilder<ParameterResource> InternalToken,
    IResourceBuilder<ParameterResource> CloudApiKey)
{
    /// <summary>Prefix of every HybridInference virtual key.</summary>
    public const string KeyPrefix = "sk-hi-";

    /// <summary>The dev key as clients send it.</summary>
    public ReferenceExpression DevKey => ReferenceExpression.Create($"{KeyPrefix}{DevKeySuffix}");

    /// <summary>Adds the four parameters, generated on first run and persisted.</summary>
    public static FabricSecrets Add(IDistributedApplicationBuilder builder)
    {
        IResourceBuilder<ParameterResource> Secret(string name) => builder.AddParameter(
            name, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        return new FabricSecrets(Secret("dev-key"), Secret("admin-token"), Secret("internal-token"), Secret("cloud-api-key"));
    }
}
