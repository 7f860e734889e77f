using System.Text;
using HybridInference.Contracts.Classification;

namespace HybridInference.Classifier.Pii;

/// <summary>Replaces PII spans with typed placeholders such as <c>[EMAIL]</c>, so text can leave the premises.</summary>
internal static class PiiRedactor
{
    /// <summary>The text with each span (sorted, non-overlapping, as <see cref="PiiDetector"/> returns them) replaced.</summary>
    public static string Redact(string text, IReadOnlyList<PiiSpan> spans)
    {
        if (spans.Count == 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var span in spans)
        {
            builder.Append(text, position, span.Start - position);
            builder.Append('[').Append(span.Type.ToUpperInvariant()).Append(']');
            position = span.End;
        }
        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    public static string Redact(string text) => Redact(text, PiiDetector.Detect(text));
}
