using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Encoders;

/// <summary>
/// Sentence embeddings of a dataset file, computed once per encoder and window and kept on disk (git-ignored): the
/// encoder is by far the slowest part of training. Each text is encoded on its own (no padding), so an embedding does
/// not depend on which texts shared its batch and a rerun gives the same bytes.
/// </summary>
internal sealed class EmbeddingCache(string directory, int threads, TextWriter log)
{
    /// <summary>The default cache folder for a datasets folder.</summary>
    public static string DefaultDirectory(string dataDirectory) => Path.Combine(dataDirectory, ".embeddings");

    /// <summary><c>rows × dimensions</c> embeddings of <paramref name="file"/>'s rows, in file order.</summary>
    public float[] Get(SentenceEncoder encoder, string file, IReadOnlyList<LabelledText> rows)
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))[..16];
        var window = encoder.Window;
        var precision = encoder.Precision == EncoderPrecision.Int8 ? "-int8" : "";
        var path = Path.Combine(directory, $"{encoder.Encoder.Name}{precision}-h{window.Head}-t{window.Tail}-{digest}.f32");
        var dim = encoder.Dimensions;
        if (File.Exists(path) && new FileInfo(path).Length == (long)rows.Count * dim * sizeof(float))
        {
            var cached = new float[rows.Count * dim];
            using var stream = File.OpenRead(path);
            stream.ReadExactly(MemoryMarshal.AsBytes(cached.AsSpan()));
            return cached;
        }
        var embeddings = Compute(encoder, Path.GetFileName(Path.GetDirectoryName(file)) + "/" + Path.GetFileName(file), rows);
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, MemoryMarshal.AsBytes(embeddings.AsSpan()).ToArray());
        File.Move(temporary, path, overwrite: true);
        return embeddings;
    }

    private float[] Compute(SentenceEncoder encoder, string name, IReadOnlyList<LabelledText> rows)
    {
        var dim = encoder.Dimensions;
        var embeddings = new float[rows.Count * dim];
        var clock = Stopwatch.StartNew();
        var done = 0;
        var step = Math.Max(1, rows.Count / 10);
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            encoder.Embed([rows[i].Text], embeddings.AsSpan(i * dim, dim));
            var finished = Interlocked.Increment(ref done);
            if (finished % step == 0 || finished == rows.Count)
            {
                lock (log)
                {
                    log.WriteLine($"  [{encoder.Encoder.Name}] {name}: {finished}/{rows.Count} texts embedded, {clock.Elapsed.TotalMinutes:F1} min");
                }
            }
        });
        return embeddings;
    }
}
