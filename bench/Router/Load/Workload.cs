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

    /// <summary>The body; <paramref name="tag"/>, when given, ends the prompt so that prompts differ.</summary>
    public static string Body(string model, ResponseMode mode, string? tag = null) =>
        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the benchmark." +
        (tag is null ? "" : " " + tag) + "\"}],\"max_tokens\":16" + (mode == ResponseMode.Stream ? ",\"stream\":true" : "") + "}";

    public static byte[] BodyBytes(string model, ResponseMode mode, string? tag = null) => Encoding.UTF8.GetBytes(Body(model, mode, tag));
}
