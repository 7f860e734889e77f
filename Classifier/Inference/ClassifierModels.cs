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
    }

    public MicroBatcher this[string task] => _batchers[task];

    public IEnumerable<ModelDescription> Descriptions => _batchers.Values.Select(b => b.Classifier.Description);

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
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Loaded {Task} model ({Kind}) {Version} from {Path}")]
        public static partial void ModelLoaded(ILogger logger, string task, string kind, string version, string path);
    }
}
