using System.Text;

namespace HybridInference.Bench.Load;

/// <summary>JSON answers or SSE streams.</summary>
internal enum ResponseMode
{
    Json,
    Stream,
}

/// <summary>The request every target gets: one short chat turn.</summary>
internal static class Workload
{
    public const string Path = "/v1/chat/completions";

    public static string Body(string model, ResponseMode mode) =>
        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the benchmark.\"}]," +
        "\"max_tokens\":16" + (mode == ResponseMode.Stream ? ",\"stream\":true" : "") + "}";

    public static byte[] BodyBytes(string model, ResponseMode mode) => Encoding.UTF8.GetBytes(Body(model, mode));
}
