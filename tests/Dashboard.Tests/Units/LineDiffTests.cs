extern alias dashboard;

using dashboard::HybridInference.Dashboard.Models;
using dashboard::HybridInference.Dashboard.Playground;
using HybridInference.Contracts.Classification;

namespace HybridInference.Dashboard.Tests.Units;

public sealed class LineDiffTests
{
    [Fact]
    public void An_edited_line_shows_as_removed_then_added_between_kept_lines()
    {
        var diff = LineDiff.Compare("routes:\n- a\n- b\nauto: x\n", "routes:\n- a\n- c\nauto: x\n");

        Assert.Equal(["  routes:", "  - a", "- - b", "+ - c", "  auto: x"], diff.Select(l => $"{l.Kind} {l.Text}"));
    }

    [Fact]
    public void Personal_data_spans_cut_the_prompt_into_marked_and_plain_pieces()
    {
        var prompt = "mail jane@example.com or call 555-0100";
        var pieces = PromptSegments.Cut(prompt, [new PiiSpan("phone", 30, 38), new PiiSpan("email", 5, 21)]);

        Assert.Equal([("mail ", null), ("jane@example.com", "email"), (" or call ", null), ("555-0100", "phone")],
            pieces.Select(p => (p.Text, p.PiiType)));
    }
}
