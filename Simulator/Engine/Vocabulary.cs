namespace HybridInference.Simulator.Engine;

/// <summary>
/// The words simulated answers are made of. Only words that the tokenizer reads as ONE token in every form used
/// (" word", " Word", "Word") are kept, so an answer of n pieces is exactly n tokens and a stream can send one
/// piece per token.
/// </summary>
internal sealed class Vocabulary
{
    // Plain English with an inference-serving flavour; the list is ours, any common words would do.
    private static readonly string[] Words =
    [
        "the", "a", "an", "and", "or", "but", "so", "if", "then", "when", "while", "because", "before", "after",
        "of", "to", "in", "on", "at", "for", "with", "from", "by", "into", "over", "under", "about", "between",
        "this", "that", "these", "those", "it", "its", "we", "you", "they", "our", "your", "their", "one", "two",
        "three", "each", "every", "some", "many", "more", "most", "less", "few", "all", "both", "other", "same",
        "is", "are", "was", "be", "been", "can", "could", "will", "would", "should", "may", "might", "must",
        "has", "have", "had", "does", "do", "make", "makes", "take", "takes", "give", "gives", "keep", "keeps",
        "find", "finds", "use", "uses", "run", "runs", "send", "sends", "read", "reads", "write", "writes",
        "build", "builds", "call", "calls", "check", "checks", "start", "starts", "stop", "stops", "wait", "waits",
        "answer", "answers", "return", "returns", "change", "changes", "move", "moves", "show", "shows",
        "model", "models", "request", "requests", "response", "token", "tokens", "stream", "streams", "server",
        "servers", "engine", "router", "route", "routes", "backend", "cluster", "node", "nodes", "queue",
        "cache", "memory", "batch", "load", "limit", "budget", "cost", "price", "key", "keys", "user", "users",
        "team", "service", "system", "network", "data", "file", "files", "code", "test", "tests", "result",
        "results", "value", "values", "time", "times", "second", "minute", "hour", "day", "week", "year",
        "first", "last", "next", "new", "old", "good", "great", "small", "large", "long", "short", "fast", "slow",
        "high", "low", "local", "remote", "simple", "clear", "safe", "ready", "free", "full", "open", "close",
        "early", "late", "real", "true", "best", "better", "right", "left", "main", "final", "common", "general",
        "question", "problem", "idea", "plan", "step", "steps", "way", "ways", "part", "parts", "place", "point",
        "number", "level", "order", "rule", "rules", "case", "cases", "example", "reason", "detail",
        "word", "words", "text", "line", "lines", "page", "list", "table", "field", "record", "report", "note",
        "also", "only", "just", "still", "even", "often", "always", "never", "here", "there", "now", "again",
        "very", "well", "much", "quite", "rather", "soon", "once", "together", "instead", "perhaps", "usually",
        "light", "water", "river", "mountain", "city", "road", "window", "garden", "music", "story", "world",
    ];

    public Vocabulary(TokenCounter tokens)
    {
        var lower = new List<string>(Words.Length);
        var capital = new List<string>(Words.Length);
        var initial = new List<string>(Words.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words)
        {
            var capitalized = char.ToUpperInvariant(word[0]) + word[1..];
            if (seen.Add(word)
                && tokens.Count(" " + word) == 1
                && tokens.Count(" " + capitalized) == 1
                && tokens.Count(capitalized) == 1)
            {
                lower.Add(" " + word);
                capital.Add(" " + capitalized);
                initial.Add(capitalized);
            }
        }
        Lower = [.. lower];
        Capitalized = [.. capital];
        Initial = [.. initial];
    }

    /// <summary>Words inside a sentence, with their leading space: <c>" word"</c>.</summary>
    public string[] Lower { get; }

    /// <summary>The same words starting a sentence: <c>" Word"</c>.</summary>
    public string[] Capitalized { get; }

    /// <summary>The same words starting an answer: <c>"Word"</c>.</summary>
    public string[] Initial { get; }

    public int Count => Lower.Length;
}
