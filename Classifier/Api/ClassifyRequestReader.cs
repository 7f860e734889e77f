using System.Text.Json;
using HybridInference.Contracts.Classification;
using HybridInference.Contracts.OpenAi;

namespace HybridInference.Classifier.Api;

/// <summary>
/// Reads and checks a classify body (<c>{"input": "text" | ["text", …], "tasks": [...]}</c>), answering problems in
/// OpenAI's error shape (written by Contracts' <see cref="OpenAiErrorWriter"/>, like the Router's and the Simulator's).
/// </summary>
internal static class ClassifyRequestReader
{
    public static async Task<ParsedClassifyRequest> ReadAsync(HttpRequest request, int maxInputs, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Fail($"The body is not valid JSON: {ex.Message}", null, "invalid_json");
        }
        using (document)
        {
            return Parse(document.RootElement, maxInputs);
        }
    }

    public static ParsedClassifyRequest Parse(JsonElement root, int maxInputs)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("The body must be a JSON object.", null, "invalid_body");
        }
        if (!root.TryGetProperty("input", out var input))
        {
            return Fail("'input' is required: a string or an array of strings.", "input", "missing_input");
        }
        List<string> inputs;
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                inputs = [input.GetString()!];
                break;
            case JsonValueKind.Array:
                var length = input.GetArrayLength();
                if (length == 0)
                {
                    return Fail("'input' must not be an empty array.", "input", "empty_input");
                }
                if (length > maxInputs)
                {
                    return Fail($"'input' has {length} texts; at most {maxInputs} are accepted per request.", "input", "too_many_inputs");
                }
                inputs = new List<string>(length);
                foreach (var item in input.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return Fail("Every element of 'input' must be a string.", "input", "invalid_input");
                    }
                    inputs.Add(item.GetString()!);
                }
                break;
            default:
                return Fail("'input' must be a string or an array of strings.", "input", "invalid_input");
        }

        bool domain = true, guard = true, pii = true;
        if (root.TryGetProperty("tasks", out var tasks) && tasks.ValueKind != JsonValueKind.Null)
        {
            if (tasks.ValueKind != JsonValueKind.Array || tasks.GetArrayLength() == 0)
            {
                return Fail("'tasks' must be a non-empty array of: domain, guard, pii.", "tasks", "invalid_tasks");
            }
            domain = guard = pii = false;
            foreach (var task in tasks.EnumerateArray())
            {
                switch (task.ValueKind == JsonValueKind.String ? task.GetString() : null)
                {
                    case ClassifierTasks.Domain: domain = true; break;
                    case ClassifierTasks.Guard: guard = true; break;
                    case ClassifierTasks.Pii: pii = true; break;
                    default:
                        return Fail($"Unknown task {task.GetRawText()}; known tasks: domain, guard, pii.", "tasks", "unknown_task");
                }
            }
        }
        return new ParsedClassifyRequest(inputs, domain, guard, pii, null);
    }

    private static ParsedClassifyRequest Fail(string message, string? param, string code) =>
        new([], false, false, false, OpenAiErrorWriter.Result(StatusCodes.Status400BadRequest, message, OpenAiErrorTypes.InvalidRequest, code, param));
}

/// <summary>A checked classify request, or the error to answer.</summary>
internal sealed record ParsedClassifyRequest(IReadOnlyList<string> Inputs, bool Domain, bool Guard, bool Pii, OpenAiErrorResult? Error);
