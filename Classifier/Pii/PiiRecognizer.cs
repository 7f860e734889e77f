using System.Text.RegularExpressions;

namespace HybridInference.Classifier.Pii;

/// <summary>One kind of PII: a pattern that finds candidates and a check that keeps only real ones (checksums, ranges).</summary>
internal sealed class PiiRecognizer(string type, Regex pattern, Func<string, bool>? validate = null)
{
    public string Type { get; } = type;

    /// <summary>Adds every validated match in <paramref name="text"/> to <paramref name="found"/>.</summary>
    public void Scan(string text, List<Contracts.Classification.PiiSpan> found)
    {
        foreach (var match in pattern.EnumerateMatches(text))
        {
            if (validate is null || validate(text.Substring(match.Index, match.Length)))
            {
                found.Add(new Contracts.Classification.PiiSpan(Type, match.Index, match.Index + match.Length));
            }
        }
    }
}
