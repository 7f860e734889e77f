using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts;

/// <summary>
/// The JSON conventions of every HybridInference wire type: snake_case names, nulls left out, any enum as its
/// snake_case name. Reflection-based; a service compiled ahead of time uses <see cref="ContractJsonContext"/>.
/// </summary>
[RequiresDynamicCode("Binds any type by reflection and any enum with the non-generic enum converter.")]
public static class ContractJson
{
    /// <summary>Options for reading and writing contract types.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    /// <summary>Applies the contract conventions to <paramref name="options"/> (e.g. ASP.NET Core's HTTP JSON options).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }
}
