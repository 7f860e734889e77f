namespace HybridInference.Classifier.Inference;

/// <summary>The service's configuration, section <c>Classifier</c>.</summary>
internal sealed record ClassifierOptions
{
    public const string Section = "Classifier";

    /// <summary>Folder with <c>&lt;task&gt;.onnx</c> + <c>&lt;task&gt;.json</c>; relative paths are under the app's folder. Default <c>Models</c>.</summary>
    public string ModelsDirectory { get; init; } = "Models";

    /// <summary>Model kind for tasks not configured under <see cref="Tasks"/>: <c>fasttext-onnx</c> or <c>bert-onnx</c>. Default <c>fasttext-onnx</c>.</summary>
    public string Kind { get; init; } = ModelKinds.FastText;

    /// <summary>Per-task model settings (keys <c>domain</c>, <c>guard</c>); a task not listed loads the fastText model from <see cref="ModelsDirectory"/>.</summary>
    public Dictionary<string, TaskModelOptions> Tasks { get; init; } = [];

    /// <summary>Characters of each input kept (head); longer inputs are truncated before any task. Default 8,000.</summary>
    public int MaxInputChars { get; init; } = 8000;

    /// <summary>Texts accepted in one request; more is a 400. Default 256.</summary>
    public int MaxInputs { get; init; } = 256;

    /// <summary>Texts one model run takes at most; queued requests are merged up to this. Default 64.</summary>
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>ONNX Runtime intra-op threads per session. Default 1 (requests run in parallel instead).</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>
    /// Whether texts the fastText models are unsure of go to the encoder heads (<c>&lt;task&gt;.encoder.onnx</c> + <c>.json</c>
    /// in <see cref="ModelsDirectory"/>, where present). Default true.
    /// </summary>
    public bool Cascade { get; init; } = true;

    /// <summary>ONNX Runtime intra-op threads of the encoder session. Default 1.</summary>
    public int EncoderIntraOpThreads { get; init; } = 1;

    /// <summary>
    /// How the encoder's matrix multiplications run: <c>Int8</c> (the package's graph rewritten at start by
    /// <see cref="Onnx.EncoderQuantizer"/>; the heads were measured on it, see bench/Classifier/RESULTS.md) or <c>Fp32</c>
    /// (the graph as shipped). Default <c>Int8</c>.
    /// </summary>
    public Encoders.EncoderPrecision EncoderPrecision { get; init; } = Encoders.EncoderPrecision.Int8;

    /// <summary>Texts one encoder run takes at most (grouped by length, each group padded to its longest). Default 16.</summary>
    public int EncoderMaxBatchSize { get; init; } = 16;
}

/// <summary>Model settings of one task.</summary>
internal sealed record TaskModelOptions
{
    /// <summary><c>fasttext-onnx</c> (the project's own model) or <c>bert-onnx</c> (an operator's BERT-family export). Default: <see cref="ClassifierOptions.Kind"/>.</summary>
    public string? Kind { get; init; }

    /// <summary>The ONNX file; for fastText the metadata is the same path with <c>.json</c>. Default <c>&lt;ModelsDirectory&gt;/&lt;task&gt;.onnx</c>.</summary>
    public string? ModelPath { get; init; }

    /// <summary>BERT only: WordPiece vocabulary (<c>vocab.txt</c>).</summary>
    public string? VocabPath { get; init; }

    /// <summary>BERT only: labels in logit order.</summary>
    public List<string> Labels { get; init; } = [];

    /// <summary>BERT only: the label a threshold decides (e.g. <c>jailbreak</c>); none means argmax.</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>BERT only: probability of <see cref="PositiveLabel"/> from which it is chosen. Default 0.5.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>BERT only: tokens per input including [CLS]/[SEP]; longer inputs keep their head. Default 512.</summary>
    public int MaxTokens { get; init; } = 512;

    /// <summary>BERT only: lower-case before WordPiece (uncased vocabularies). Default true.</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>BERT only: version reported by <c>/v1/models</c>. Default: derived from the file's hash.</summary>
    public string? Version { get; init; }
}

/// <summary>The model kinds the service loads.</summary>
internal static class ModelKinds
{
    public const string FastText = "fasttext-onnx";
    public const string Bert = "bert-onnx";
}
