using System.Globalization;
using System.Text.Json;

namespace HybridInference.LoadTest;

/// <summary>
/// The command line. Targets come from <c>--target &lt;label&gt; &lt;url&gt; &lt;key&gt; &lt;model&gt;</c> (repeatable), or from the local
/// fabric's <c>run.json</c> with <c>--fabric [path]</c>: the Router, and the Simulator behind it asked directly.
/// </summary>
internal sealed record LoadTestOptions
{
    public const string Usage = """
        usage: LoadTest [--target <label> <url> <key> <model>]... [--fabric [run.json]] [--model <id>]
                        [--concurrency 1,2,4,8,16,32,64] [--requests <per worker, default 4>] [--min-requests <per level, default 16>]
                        [--max-tokens <default 64>] [--prompt <text>] [--out <folder, default bench/results/loadtest-<time>>]
        """;

    public List<LoadTarget> Targets { get; } = [];

    /// <summary>Concurrency levels, swept in order; default 1, 2, 4, 8, 16, 32, 64.</summary>
    public int[] Concurrency { get; private set; } = [1, 2, 4, 8, 16, 32, 64];

    /// <summary>Requests each worker sends per level; default 4.</summary>
    public int RequestsPerWorker { get; private set; } = 4;

    /// <summary>At least this many requests per level, so low levels still give percentiles; default 16.</summary>
    public int MinRequests { get; private set; } = 16;

    /// <summary>Completion tokens asked for per request; default 64.</summary>
    public int MaxTokens { get; private set; } = 64;

    public string Prompt { get; private set; } = "Explain in a few sentences how a hash map handles collisions.";

    public string OutputDirectory { get; private set; } =
        Path.Combine("bench", "results", "loadtest-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    public static LoadTestOptions Parse(string[] args)
    {
        var options = new LoadTestOptions();
        string? fabric = null;
        var model = "llama-3.1-8b-instruct";
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--target":
                    options.Targets.Add(new LoadTarget(Next(), Next(), Next(), Next()));
                    break;
                case "--fabric":
                    fabric = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? Next() : Path.Combine(".hybrid", "run.json");
                    break;
                case "--model":
                    model = Next();
                    break;
                case "--concurrency":
                    options.Concurrency = [.. Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
                    break;
                case "--requests":
                    options.RequestsPerWorker = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--min-requests":
                    options.MinRequests = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--max-tokens":
                    options.MaxTokens = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--prompt":
                    options.Prompt = Next();
                    break;
                case "--out":
                    options.OutputDirectory = Next();
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (fabric is not null)
        {
            options.Targets.AddRange(FromRunFile(fabric, model));
        }
        if (options.Targets.Count == 0 || options.Concurrency.Any(c => c < 1) || options.RequestsPerWorker < 1 || options.MaxTokens < 1)
        {
            throw new ArgumentException("at least one target, and positive concurrency, requests and max tokens, are needed");
        }
        return options;
    }

    // The Router with the dev key, and the engine that serves the model behind it, asked directly with the same model.
    private static IEnumerable<LoadTarget> FromRunFile(string path, string model)
    {
        using var run = JsonDocument.Parse(File.ReadAllText(path));
        var resources = run.RootElement.GetProperty("resources");
        string Url(string name) => resources.GetProperty(name).GetProperty("url").GetString()!;
        var engine = model.StartsWith("qwen", StringComparison.Ordinal) ? "vllm-coding" : "vllm-general";
        yield return new LoadTarget("router", Url("router"), run.RootElement.GetProperty("devKey").GetString()!, model);
        yield return new LoadTarget("direct", Url(engine), "unused", model);
    }
}
