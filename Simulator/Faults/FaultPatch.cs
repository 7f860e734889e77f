using System.Text.Json;

namespace HybridInference.Simulator.Faults;

/// <summary>
/// Applies a <c>POST /admin/faults</c> body to the current settings: the fields present change, the others keep
/// their value (send <c>"cut_stream_after_tokens": null</c> to stop cutting streams).
/// </summary>
internal static class FaultPatch
{
    public static FaultSettings Apply(FaultSettings current, JsonElement patch, Dictionary<string, string[]> errors)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            errors[""] = ["The body must be a JSON object."];
            return current;
        }

        var next = current;
        foreach (var property in patch.EnumerateObject())
        {
            var value = property.Value;
            next = property.Name switch
            {
                "error_rate" when Number(value, 0, 1) is { } rate => next with { ErrorRate = rate },
                "error_status" when Integer(value, 400, 599) is { } status => next with { ErrorStatus = status },
                "added_latency_ms" when Number(value, 0, double.MaxValue) is { } latency => next with { AddedLatencyMs = latency },
                "down" when Boolean(value) is { } down => next with { Down = down },
                "hang" when Boolean(value) is { } hang => next with { Hang = hang },
                "cut_stream_after_tokens" when value.ValueKind == JsonValueKind.Null => next with { CutStreamAfterTokens = null },
                "cut_stream_after_tokens" when Integer(value, 0, int.MaxValue) is { } tokens => next with { CutStreamAfterTokens = tokens },
                "time_to_first_token_ms" when Number(value, 0, double.MaxValue) is { } ttft => next with { TimeToFirstTokenMs = ttft },
                "tokens_per_second" when Number(value, 0, double.MaxValue) is { } speed => next with { TokensPerSecond = speed },
                "max_concurrency" when Integer(value, 1, int.MaxValue) is { } slots => next with { MaxConcurrency = slots },
                _ => Reject(next, property.Name, errors),
            };
        }
        return next;
    }

    private static FaultSettings Reject(FaultSettings settings, string name, Dictionary<string, string[]> errors)
    {
        errors[name] = [Explain(name)];
        return settings;
    }

    private static string Explain(string name) => name switch
    {
        "error_rate" => "A number from 0 to 1.",
        "error_status" => "An HTTP status from 400 to 599.",
        "down" or "hang" => "true or false.",
        "cut_stream_after_tokens" => "A whole number of tokens, 0 or more, or null.",
        "max_concurrency" => "A whole number, 1 or more.",
        "added_latency_ms" or "time_to_first_token_ms" or "tokens_per_second" => "A number, 0 or more.",
        _ => "Unknown field.",
    };

    private static double? Number(JsonElement value, double min, double max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number >= min && number <= max ? number : null;

    private static int? Integer(JsonElement value, int min, int max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max ? number : null;

    private static bool? Boolean(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
