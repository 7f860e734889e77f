using System.Text.Json;
using System.Text.Json.Serialization;
using HybridInference.Contracts.Configuration;
using HybridInference.Contracts.Keys;

namespace HybridInference.Contracts;

/// <summary>
/// Source-generated JSON for the contract types a natively compiled service reads (the Router's config and key
/// policies), with <see cref="ContractJson"/>'s conventions. Numbers may also come as strings: YAML hands every
/// scalar over as text (<see cref="RouterConfigYaml"/>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(RouterConfig))]
[JsonSerializable(typeof(KeyPolicy))]
public sealed partial class ContractJsonContext : JsonSerializerContext;

/// <summary>An enum as its snake_case name (<c>local_only</c>), without the reflection the non-generic converter needs.</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower)
    where TEnum : struct, Enum;
