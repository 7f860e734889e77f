using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HybridInference.Contracts.Classification;
using HybridInference.Contracts.Usage;
using HybridInference.Router.OpenAi;
using HybridInference.Router.Operations;
using HybridInference.Router.Routing;

namespace HybridInference.Router;

/// <summary>Source-generated JSON for the Router's own answers, its usage records and Classifier calls (snake_case, nulls left out).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelObject))]
[JsonSerializable(typeof(RecentDecisionsResponse))]
[JsonSerializable(typeof(UsageRecord))]
[JsonSerializable(typeof(UsageBatch))]
[JsonSerializable(typeof(ClassifyRequest))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(ClassifyResponse))]
[JsonSerializable(typeof(BackendList))]
[JsonSerializable(typeof(BackendView))]
[JsonSerializable(typeof(DecisionList))]
[JsonSerializable(typeof(ActiveConfig))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class RouterJsonContext : JsonSerializerContext
{
    /// <summary>Gives ASP.NET Core's JSON options this context's conventions and nothing else to resolve types by.</summary>
    public static void ConfigureHttp(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.TypeInfoResolverChain.Clear();
        options.TypeInfoResolverChain.Add(Default);
    }
}
