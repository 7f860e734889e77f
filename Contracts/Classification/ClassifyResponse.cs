namespace HybridInference.Contracts.Classification;

/// <summary>Answer of <c>POST /v1/classify</c>: one result per input, in order.</summary>
/// <param name="Results">One entry per input text.</param>
/// <param name="Models">Version of the model that answered each task.</param>
public sealed record ClassifyResponse(IReadOnlyList<ClassifyResult> Results, IReadOnlyDictionary<string, string> Models);

/// <summary>What the Classifier found in one text; a task not asked for is null.</summary>
public sealed record ClassifyResult(LabelScore? Domain = null, LabelScore? Guard = null, IReadOnlyList<PiiSpan>? Pii = null);

/// <summary>A predicted label with its probability and, optionally, every label's probability.</summary>
public sealed record LabelScore(string Label, double Score, IReadOnlyDictionary<string, double>? Scores = null);

/// <summary>A piece of personal data or a secret, as a span of UTF-16 characters.</summary>
/// <param name="Start">Index of the first character.</param>
/// <param name="End">Index just past the last character.</param>
/// <param name="Type">e.g. <c>email</c>, <c>phone</c>, <c>credit_card</c>, <c>iban</c>, <c>us_ssn</c>, <c>ip_address</c>, <c>secret</c>.</param>
public sealed record PiiSpan(string Type, int Start, int End);
