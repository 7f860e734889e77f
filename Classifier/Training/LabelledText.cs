using System.Security.Cryptography;
using System.Text.Json;

namespace HybridInference.Classifier.Training;

/// <summary>One row of a dataset file: <c>{"text": …, "label": …, "source": …}</c>.</summary>
internal sealed record LabelledText(string Text, string Label, string Source)
{
    /// <summary>Reads a JSON-lines file, skipping blank lines.</summary>
    public static List<LabelledText> ReadJsonLines(string path)
    {
        var rows = new List<LabelledText>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            rows.Add(new LabelledText(
                root.GetProperty("text").GetString() ?? "",
                root.GetProperty("label").GetString() ?? throw new InvalidDataException($"{path}: a row has no label"),
                root.TryGetProperty("source", out var source) ? source.GetString() ?? "" : ""));
        }
        return rows;
    }

    /// <summary>SHA-256 over the files' bytes in order, so a model names the exact data it learnt from.</summary>
    public static string Digest(IEnumerable<string> paths)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            sha.AppendData(File.ReadAllBytes(path));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
