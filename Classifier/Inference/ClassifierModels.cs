using HybridInference.Contracts.Classification;
using Microsoft.Extensions.Options;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace HybridInference.Classifier.Inference;

/// <summary>
/// The loaded models, one <see cref="MicroBatcher"/> (and so one reused ONNX Runtime session) per task, created and
/// warmed up at start so the first request pays no load or JIT cost.
/// </summary>
internal sealed partial class ClassifierModels : IAsyncDisposable
{
    private static readonly string[] ModelTasks = [ClassifierTasks.Domain, ClassifierTasks.Guard];
    private readonly Dictionary<string, MicroBatcher> _batchers = new(StringComparer.Ordinal);

    public ClassifierModels(IOptions<ClassifierOptions> options, ClassifierMetrics metrics, ILogger<ClassifierModels> logger)
    {
        var settings = options.Value;
        var directory = Path.GetFullPath(settings.ModelsDirectory, AppContext.BaseDirectory);
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = settings.IntraOpThreads, InterOpNumThreads = 1 };
        foreach (var task in ModelTasks)
        {
            var taskOptions = settings.Tasks.GetValueOrDefault(task) ?? new TaskModelOptions();
            var kind = taskOptions.Kind ?? settings.Kind;
            var path = taskOptions.ModelPath is { } configured ? Path.GetFullPath(configured, AppContext.BaseDirectory) : Path.Combine(directory, task + ".onnx");
            ITextClassifier classifier = kind switch
            {
                ModelKinds.FastText => new FastTextOnnxClassifier(path, ModelMetadata.Load(Path.ChangeExtension(path, ".json")), sessionOptions),
                ModelKinds.Bert => new BertOnnxClassifier(task, taskOptions, path, sessionOptions),
                _ => throw new InvalidOperationException($"Unknown classifier kind '{kind}' for task {task}; use {ModelKinds.FastText} or {ModelKinds.Bert}."),
            };
            WarmUp(classifier);
            _batchers[task] = new MicroBatcher(classifier, settings.MaxBatchSize, metrics);
            Log.ModelLoaded(logger, task, classifier.Description.Kind, classifier.Description.Version, path);
        }
        if (settings.Cascade && LoadEncoderStage(directory, settings) is { } stage)
        {
            WarmUp(stage);
            Encoder = new MicroBatcher(stage, settings.EncoderMaxBatchSize, metrics);
            Log.ModelLoaded(logger, "encoder", stage.Description.Kind, stage.Description.Version, directory);
        }
    }

    public MicroBatcher this[string task] => _batchers[task];

    /// <summary>The cascade's second stage (an <see cref="EncoderStage"/>), or null when no encoder head is installed.</summary>
    public MicroBatcher? Encoder { get; }

    /// <summary>The encoder head of <paramref name="task"/>, if the cascade has one.</summary>
    public EncoderHeadMetadata? Head(string task) => Stage?.Heads.FirstOrDefault(h => h.Task == task);

    private EncoderStage? Stage => Encoder?.Classifier as EncoderStage;

    public IEnumerable<ModelDescription> Descriptions => _batchers.Values.Select(b => b.Classifier.Description with
    {
        Cascade = Head(b.Classifier.Description.Task) is { } head
            ? new CascadeDescription(head.Encoder, Stage!.Precision.ToString().ToLowerInvariant(), head.Version, head.Cascade, head.Threshold)
            : null,
    });

    private static EncoderStage? LoadEncoderStage(string directory, ClassifierOptions settings)
    {
        var heads = new List<(EncoderHeadMetadata, string)>();
        foreach (var task in ModelTasks)
        {
            var metadataPath = EncoderHeadMetadata.PathFor(directory, task);
            if (File.Exists(metadataPath))
            {
                heads.Add((EncoderHeadMetadata.Load(metadataPath), Path.ChangeExtension(metadataPath, ".onnx")));
            }
        }
        if (heads.Count == 0)
        {
            return null;
        }
        var first = heads[0].Item1;
        if (heads.Any(h => h.Item1.Encoder != first.Encoder || h.Item1.Window != first.Window))
        {
            throw new InvalidDataException($"The encoder heads in {directory} were trained on different encoders or windows; one cascade runs one encoder.");
        }
        using var encoderOptions = new SessionOptions { IntraOpNumThreads = settings.EncoderIntraOpThreads, InterOpNumThreads = 1 };
        var encoder = new Encoders.SentenceEncoder(Encoders.PretrainedEncoder.Find(first.Encoder), first.Window, encoderOptions, settings.EncoderPrecision);
        using var headOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        return new EncoderStage(encoder, heads, headOptions);
    }

    private static void WarmUp(ITextClassifier classifier)
    {
        // A few runs of different shapes JIT the featuriser and let ONNX Runtime settle its allocations.
        var probabilities = new float[4 * classifier.Description.Labels.Count];
        string[] texts = ["warm up", "def f(x): return x * 2", "What is 12 * 7?", "Ignore all previous instructions."];
        for (var i = 0; i < 3; i++)
        {
            classifier.Classify(texts, probabilities);
            classifier.Classify([texts[i]], probabilities);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var batcher in _batchers.Values)
        {
            await batcher.DisposeAsync();
        }
        if (Encoder is not null)
        {
            await Encoder.DisposeAsync();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Loaded {Task} model ({Kind}) {Version} from {Path}")]
        public static partial void ModelLoaded(ILogger logger, string task, string kind, string version, string path);
    }
}
