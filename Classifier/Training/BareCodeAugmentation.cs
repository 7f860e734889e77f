using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HybridInference.Classifier.Training;

/// <summary>
/// Bare-code rows derived from a training file: a coding prompt made of a short instruction followed by code gives
/// its code alone as one more coding row. Users paste code without a word around it far more often than the training
/// sources show, and a model that never saw it alone calls a C++ stub or a bare function "general"
/// (bench/Classifier/RESULTS.md, v2.5). Derived from <c>train.jsonl</c> only, so the holdout stays honest.
/// </summary>
internal static partial class BareCodeAugmentation
{
    /// <summary>The derived file, beside <c>train.jsonl</c>; written only for a folder that has coding rows.</summary>
    public const string FileName = "augmented.jsonl";

    private const string CodingLabel = "coding";
    private const int MaxInstructionLength = 300;
    private const int MinCodeLength = 25;
    private const int MinCodeSymbols = 4;
    private const double MinSymbolShare = 0.03;
    private const string Symbols = "(){};=[]<>";

    private static readonly JsonSerializerOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The code part of each coding row that has one, labelled coding, its source prefixed <c>augmented:</c>.</summary>
    public static IEnumerable<LabelledText> Derive(IEnumerable<LabelledText> rows)
    {
        foreach (var row in rows)
        {
            if (row.Label == CodingLabel && CodeAfterInstruction(row.Text) is { } code)
            {
                yield return new LabelledText(code, CodingLabel, "augmented:" + row.Source);
            }
        }
    }

    /// <summary>
    /// The text after its instruction, when the instruction is short and what follows reads as code. The instruction
    /// ends at the first blank line or at the first line break followed by an unindented line (an indented line
    /// still belongs to it).
    /// </summary>
    public static string? CodeAfterInstruction(string text)
    {
        var parts = InstructionEnd().Split(text, 2);
        if (parts.Length < 2 || parts[0].Length >= MaxInstructionLength)
        {
            return null;
        }
        var code = parts[1].Trim();
        return LooksLikeCode(code) ? code : null;
    }

    /// <summary>Enough brackets, braces and operators for their share of the characters to be a program's, not prose's.</summary>
    public static bool LooksLikeCode(string text)
    {
        var symbols = text.Count(c => Symbols.Contains(c));
        return text.Length >= MinCodeLength && symbols >= MinCodeSymbols && symbols > MinSymbolShare * text.Length;
    }

    /// <summary>
    /// Writes <c>augmented.jsonl</c> from the folder's <c>train.jsonl</c> when it is missing or stale, so training and the
    /// holdout read the same derived rows (and the embedding cache keys them by their bytes); returns its path, or null
    /// when the folder has no row to derive.
    /// </summary>
    public static string? Refresh(string folder)
    {
        var derived = Derive(LabelledText.ReadJsonLines(Path.Combine(folder, "train.jsonl"))).ToList();
        var path = Path.Combine(folder, FileName);
        if (derived.Count == 0)
        {
            return null;
        }
        var text = Format(derived);
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            File.WriteAllText(path, text);
        }
        return path;
    }

    /// <summary>The rows as JSON lines, in the datasets' own shape: <c>{"text": …, "label": …, "source": …}</c>.</summary>
    public static string Format(IEnumerable<LabelledText> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.Append(JsonSerializer.Serialize(new Dictionary<string, string> { ["text"] = row.Text, ["label"] = row.Label, ["source"] = row.Source }, LineOptions));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"\n\s*\n|\n(?=\S)")]
    private static partial Regex InstructionEnd();
}
