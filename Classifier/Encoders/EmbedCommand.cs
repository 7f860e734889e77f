using HybridInference.Classifier.Training;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace HybridInference.Classifier.Encoders;

/// <summary>
/// <c>embed --data &lt;datasets dir&gt; [--encoder minilm|arcticxs|all] [--threads N] [--cache dir]</c>: fills the embedding
/// cache for every dataset file, so that training and holdout runs afterwards only train heads.
/// </summary>
internal static class EmbedCommand
{
    public static readonly string[] Splits = ["train", "extra", "test"];

    public static int Run(CommandLine args)
    {
        var data = args.Require("data");
        var encoders = args.Get("encoder") is { } name && name != "all" ? [PretrainedEncoder.Find(name)] : PretrainedEncoder.All;
        var threads = args.Int("threads") ?? 1;
        var cache = new EmbeddingCache(args.Get("cache") ?? EmbeddingCache.DefaultDirectory(data), threads, Console.Out);
        foreach (var encoder in encoders)
        {
            using var session = Open(encoder, new TokenWindow());
            foreach (var task in TaskDefinition.All)
            {
                foreach (var split in Splits)
                {
                    var file = Path.Combine(data, task.DataFolder, split + ".jsonl");
                    cache.Get(session, file, LabelledText.ReadJsonLines(file));
                }
            }
        }
        return 0;
    }

    /// <summary>An encoder session with one intra-op thread: texts run in parallel instead, and the machine is shared.</summary>
    public static SentenceEncoder Open(PretrainedEncoder encoder, TokenWindow window, EncoderPrecision precision = EncoderPrecision.Fp32)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        return new SentenceEncoder(encoder, window, options, precision);
    }
}
