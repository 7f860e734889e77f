using System.Text.Json;

namespace HybridInference.Simulator.Tests;

/// <summary>What a client read from an SSE stream: the JSON events, whether <c>[DONE]</c> came, and whether the connection broke.</summary>
internal sealed record ServerSentEvents(List<JsonElement> Events, bool Done, bool Broken)
{
    public static async Task<ServerSentEvents> ReadAsync(HttpResponseMessage response, int? stopAfterEvents = null)
    {
        var events = new List<JsonElement>();
        var done = false;
        var broken = false;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }
                Assert.StartsWith("data: ", line);
                var data = line["data: ".Length..];
                if (data == "[DONE]")
                {
                    done = true;
                    continue;
                }
                Assert.False(done, "An event came after [DONE].");
                events.Add(JsonDocument.Parse(data).RootElement.Clone());
                if (events.Count == stopAfterEvents)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            broken = true;
        }
        return new ServerSentEvents(events, done, broken);
    }

    /// <summary>The chat content deltas, in order (chunks without <c>delta.content</c> or with the opening empty content skipped).</summary>
    public List<string> ChatDeltas()
    {
        var deltas = new List<string>();
        foreach (var item in Events)
        {
            if (item.GetProperty("choices") is { ValueKind: JsonValueKind.Array } choices && choices.GetArrayLength() == 1
                && choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } text)
            {
                deltas.Add(text);
            }
        }
        return deltas;
    }
}
