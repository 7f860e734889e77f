using System.Text.Json;
using HybridInference.Simulator.Engine;
using Microsoft.Extensions.Options;

namespace HybridInference.Simulator.Models;

/// <summary><c>GET /v1/models</c> in vLLM's shape (OpenAI's list plus <c>root</c> and <c>max_model_len</c>).</summary>
internal static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/models", (ModelCatalog models, IOptions<SimulatorOptions> options) =>
            TypedResults.Bytes(Render(models, options.Value.MaxModelLen), "application/json"));
        return api;
    }

    // Rendered per call: tiny, and rarely called (health probes use /health).
    private static byte[] Render(ModelCatalog models, int maxModelLen)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("object"u8, "list"u8);
            json.WriteStartArray("data"u8);
            foreach (var name in models.Names)
            {
                json.WriteStartObject();
                json.WriteString("id"u8, name);
                json.WriteString("object"u8, "model"u8);
                json.WriteNumber("created"u8, models.CreatedAt);
                json.WriteString("owned_by"u8, "vllm"u8);
                json.WriteString("root"u8, name);
                json.WriteNull("parent"u8);
                json.WriteNumber("max_model_len"u8, maxModelLen);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
