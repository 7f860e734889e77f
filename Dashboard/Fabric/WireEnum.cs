using System.Text.Json;
using HybridInference.Contracts;

namespace HybridInference.Dashboard.Fabric;

/// <summary>Contract enums by their wire names (<c>auto_only</c>), as the forms' selects hold them.</summary>
internal static class WireEnum
{
    /// <summary>The wire name, or empty for null (the select's "inherit" option).</summary>
    public static string Name<T>(T? value) where T : struct, Enum =>
        value is { } v ? JsonSerializer.Serialize(v, ContractJson.Options).Trim('"') : "";

    /// <summary>The value a wire name stands for; null for empty.</summary>
    public static T? Parse<T>(string? name) where T : struct, Enum =>
        string.IsNullOrEmpty(name) ? null : JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(name), ContractJson.Options);
}
