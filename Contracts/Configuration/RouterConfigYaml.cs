using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HybridInference.Contracts.Configuration;

/// <summary>Reads and writes <see cref="RouterConfig"/> as YAML with the same snake_case names as its JSON.</summary>
public static class RouterConfigYaml
{
    // YamlDotNet builds concrete collections only, so each read-only interface the schema uses is mapped.
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithEnumNamingConvention(UnderscoredNamingConvention.Instance)
        .WithTypeMapping<IReadOnlyList<BackendConfig>, List<BackendConfig>>()
        .WithTypeMapping<IReadOnlyList<ModelConfig>, List<ModelConfig>>()
        .WithTypeMapping<IReadOnlyList<ModelTarget>, List<ModelTarget>>()
        .WithTypeMapping<IReadOnlyList<RouteConfig>, List<RouteConfig>>()
        .WithTypeMapping<IReadOnlyList<string>, List<string>>()
        .WithTypeMapping<IReadOnlyDictionary<string, string>, Dictionary<string, string>>()
        .Build();

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithEnumNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    /// <summary>Parses YAML text; throws <see cref="YamlDotNet.Core.YamlException"/> with line and column on bad input.</summary>
    public static RouterConfig Parse(string yaml) => Deserializer.Deserialize<RouterConfig?>(yaml) ?? new RouterConfig();

    /// <summary>Writes a config as YAML.</summary>
    public static string Write(RouterConfig config) => Serializer.Serialize(config);
}
