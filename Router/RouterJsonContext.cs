using System.Text.Json.Serialization;
using HybridInference.Contracts.Classification;
using HybridInference.Contracts.Usage;
using HybridInference.Router.OpenAi;
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
internal sealed partial class RouterJsonContext : JsonSerializerContext;
