using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Tests.Training;

public sealed class BareCodeAugmentationTests
{
    [Fact]
    public void A_short_instruction_followed_by_code_gives_the_code_alone()
    {
        const string code = "def middle(lst):\n    return lst[len(lst) // 2]";
        Assert.Equal(code, BareCodeAugmentation.CodeAfterInstruction("Fix the bug in this function.\n\n" + code + "\n"));
        Assert.Equal(code, BareCodeAugmentation.CodeAfterInstruction("Fix the bug in this function.\n" + code));
    }

    [Fact]
    public void An_indented_line_still_belongs_to_the_instruction()
    {
        // The only line break is followed by an indented line, so nothing is split off.
        Assert.Null(BareCodeAugmentation.CodeAfterInstruction("Explain what this does:\n    x = f(a[0]); y = g(b[1]);"));
    }

    [Theory]
    [InlineData("How do I reverse a list in Python?")]
    [InlineData("Write a function that reverses a list.\nIt should work for any list, and say why it is fast.")]
    public void Prose_gives_nothing(string text) => Assert.Null(BareCodeAugmentation.CodeAfterInstruction(text));

    [Fact]
    public void A_long_instruction_is_not_an_instruction()
    {
        var instruction = string.Join(' ', Enumerable.Repeat("Please read the following carefully.", 10));
        Assert.Null(BareCodeAugmentation.CodeAfterInstruction(instruction + "\n\nint main() { return f(a[0]); }"));
    }

    [Fact]
    public void Only_coding_rows_are_derived_and_they_keep_their_origin()
    {
        var rows = new[]
        {
            new LabelledText("Fix this.\n\nfor (i = 0; i < n; i++) { sum += a[i]; }", "coding", "teknium1/GPTeacher"),
            new LabelledText("Compute this.\n\nx = (3 + 4) * [2]; y = {x}; z = (x < y);", "math", "teknium1/GPTeacher"),
        };
        var derived = Assert.Single(BareCodeAugmentation.Derive(rows));
        Assert.Equal(new LabelledText("for (i = 0; i < n; i++) { sum += a[i]; }", "coding", "augmented:teknium1/GPTeacher"), derived);
    }

    [Fact]
    public void The_committed_derived_file_is_what_train_jsonl_gives_now()
    {
        var folder = Path.Combine(TestData.DatasetsDirectory, "routing");
        var committed = File.ReadAllText(Path.Combine(folder, BareCodeAugmentation.FileName));
        var derived = BareCodeAugmentation.Derive(LabelledText.ReadJsonLines(Path.Combine(folder, "train.jsonl"))).ToList();
        Assert.InRange(derived.Count, 100, 1000);
        Assert.Equal(BareCodeAugmentation.Format(derived), committed);
        Assert.Equal(derived, LabelledText.ReadJsonLines(Path.Combine(folder, BareCodeAugmentation.FileName)));
    }

    [Fact]
    public void The_guard_data_has_no_coding_rows_so_no_derived_file()
    {
        Assert.Null(BareCodeAugmentation.Refresh(Path.Combine(TestData.DatasetsDirectory, "guard")));
        Assert.False(File.Exists(Path.Combine(TestData.DatasetsDirectory, "guard", BareCodeAugmentation.FileName)));
    }
}
