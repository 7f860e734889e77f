using System.Text.Json;

namespace HybridInference.Simulator.Tests.Responses;

/// <summary>A Responses stream as a raw client reads it: each event's <c>event:</c> name and its JSON data.</summary>
internal sealed record NamedServerSentEvents(List<(string Name, JsonElement Data)> Events, bool SawDone)
{
    public static async Task<NamedServerSentEvents> ReadAsync(HttpResponseMessage response)
    {
        var events = new List<(string, JsonElement)>();
        var sawDone = false;
        string? name = null;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                Assert.Null(name);
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = line["data: ".Length..];
                if (data == "[DONE]")
                {
                    sawDone = true;
                    continue;
                }
                Assert.NotNull(name);
                events.Add((name, JsonDocument.Parse(data).RootElement.Clone()));
                name = null;
            }
            else
            {
                Assert.Equal("", line);
            }
        }
        return new NamedServerSentEvents(events, sawDone);
    }
}
