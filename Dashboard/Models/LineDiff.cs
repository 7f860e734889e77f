namespace HybridInference.Dashboard.Models;

/// <summary>A line diff (longest common subsequence) of two texts, for showing an edit before it is saved.</summary>
public static class LineDiff
{
    /// <summary>One line of the diff: <c>' '</c> kept, <c>'+'</c> added, <c>'-'</c> removed.</summary>
    public readonly record struct Line(char Kind, string Text);

    public static List<Line> Compare(string before, string after)
    {
        var a = Split(before);
        var b = Split(after);
        // common[i, j]: length of the longest common subsequence of a[i..] and b[j..].
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }
        var lines = new List<Line>(a.Length + b.Length);
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add(new Line(' ', a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                lines.Add(new Line('-', a[x++]));
            }
            else
            {
                lines.Add(new Line('+', b[y++]));
            }
        }
        return lines;
    }

    private static string[] Split(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}
