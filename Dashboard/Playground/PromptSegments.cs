using HybridInference.Contracts.Classification;

namespace HybridInference.Dashboard.Playground;

/// <summary>The prompt cut into plain text and the personal-data spans the Classifier found, for highlighting.</summary>
public static class PromptSegments
{
    /// <summary>One piece of the prompt; <see cref="PiiType"/> is set for a span of personal data.</summary>
    public readonly record struct Segment(string Text, string? PiiType);

    public static List<Segment> Cut(string prompt, IReadOnlyList<PiiSpan>? spans)
    {
        var segments = new List<Segment>();
        var at = 0;
        foreach (var span in (spans ?? []).Where(s => s.Start >= 0 && s.End <= prompt.Length && s.End > s.Start).OrderBy(s => s.Start))
        {
            if (span.Start < at)
            {
                continue;
            }
            if (span.Start > at)
            {
                segments.Add(new Segment(prompt[at..span.Start], null));
            }
            segments.Add(new Segment(prompt[span.Start..span.End], span.Type));
            at = span.End;
        }
        if (at < prompt.Length)
        {
            segments.Add(new Segment(prompt[at..], null));
        }
        return segments;
    }
}
