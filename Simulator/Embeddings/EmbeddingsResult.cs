using System.Runtime.InteropServices;
using System.Text.Json;

namespace HybridInference.Simulator.Embeddings;

/// <summary>OpenAI's embeddings list, vectors as numbers or as base64 of little-endian float32.</summary>
internal sealed class EmbeddingsResult(string model, float[][] vectors, bool base64, int promptTokens) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var body = context.Response.BodyWriter;
        await using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("id"u8, "embd-" + Guid.NewGuid().ToString("N"));
            json.WriteString("object"u8, "list"u8);
            json.WriteStartArray("data"u8);
            for (var i = 0; i < vectors.Length; i++)
            {
                json.WriteStartObject();
                json.WriteString("object"u8, "embedding"u8);
                json.WriteNumber("index"u8, i);
                if (base64)
                {
                    // x64 and arm64 are little-endian, which is what OpenAI's base64 format means.
                    json.WriteBase64String("embedding"u8, MemoryMarshal.AsBytes(vectors[i].AsSpan()));
                }
                else
                {
                    json.WriteStartArray("embedding"u8);
                    foreach (var component in vectors[i])
                    {
                        json.WriteNumberValue(component);
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("model"u8, model);
            json.WriteStartObject("usage"u8);
            json.WriteNumber("prompt_tokens"u8, promptTokens);
            json.WriteNumber("total_tokens"u8, promptTokens);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        await body.FlushAsync(context.RequestAborted);
    }
}
