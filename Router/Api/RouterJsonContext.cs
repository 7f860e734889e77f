using System.Text.Json.Serialization;
using HybridInference.Router.Routing;

namespace HybridInference.Router.Api;

/// <summary>Source-generated JSON for the Router's own answers (snake_case, nulls left out).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelObject))]
[JsonSerializable(typeof(RecentDecisionsResponse))]
internal sealed partial class RouterJsonContext : JsonSerializerContext;
