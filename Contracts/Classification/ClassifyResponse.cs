namespace HybridInference.Contracts.Classification;

/// <summary>Answer of <c>POST /v1/classify</c>: one result per input, in order.</summary>
/// <param name="Results">One entry per input text.</param>
/// <param name="Models">Version of the model that answered each task.</param>
public sealed record ClassifyResponse(IReadOnlyList<ClassifyResult> Results, IReadOnlyDictionary<string, string> Models);

/// <summary>What the Classifier found in one text; a task not asked for is null.</summary>
public sealed record ClassifyResult(LabelScore? Domain = null, LabelScore? Guard = null, IReadOnlyList<PiiSpan>? Pii = null);

/// <summary>A predicted label with its probability and, optionally, every label's probability.</summary>
/// <param name="Label">The decided label.</param>
/// <param name="Score">Probability of <paramref name="Label"/> from the stage that decided.</param>
/// <param name="Scores">Every label's probability from that stage.</param>
/// <param name="Stage">Which stage of the cascade decided: <see cref="ClassifierStages.FastText"/> or <see cref="ClassifierStages.Encoder"/>.</param>
public sealed record LabelScore(string Label, double Score, IReadOnlyDictionary<string, double>? Scores = null, string? Stage = null);

/// <summary>The stages of the Classifier's cascade.</summary>
public static class ClassifierStages
{
    /// <summary>The hashed n-gram model, which answers when it is confident.</summary>
    public const string FastText = "fasttext";
    /// <summary>The pretrained sentence encoder with a trained head, for the texts fastText is unsure of.</summary>
    public const string Encoder = "encoder";
}

/// <summary>A piece of personal data or a secret, as a span of UTF-16 characters.</summary>
/// <param name="Start">Index of the first character.</param>
/// <param name="End">Index just past the last character.</param>
/// <param name="Type">e.g. <c>email</c>, <c>phone</c>, <c>credit_card</c>, <c>iban</c>, <c>us_ssn</c>, <c>ip_address</c>, <c>secret</c>.</param>
public sealed record PiiSpan(string Type, int Start, int End);
