namespace HybridInference.Classifier.Bench;

/// <summary>Command-line settings of the bench.</summary>
internal sealed record BenchOptions(string DatasetsDirectory, int Iterations, string ClassifierDll, int EncoderIterations, bool EncoderOnly, int EncoderBatch, string? Encoder)
{
    public static BenchOptions Parse(string[] args)
    {
        string? datasets = null;
        var iterations = 5000;
        var encoderIterations = 200;
        var encoderOnly = false;
        var encoderBatch = 16;
        string? encoder = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--datasets": datasets = args[i + 1]; break;
                case "--iterations": iterations = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--encoder-iterations": encoderIterations = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--encoder-only": encoderOnly = true; i--; break;
                case "--encoder-batch": encoderBatch = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--encoder": encoder = args[i + 1]; encoderOnly = true; break;
                default: throw new ArgumentException($"Unknown option {args[i]}");
            }
        }
        var repo = FindRepository();
        datasets ??= Path.Combine(repo, "Classifier", "Training", "Data");
        // The service runs as its own process for the HTTP numbers, as in the fabric.
        var dll = Path.Combine(repo, "Classifier", "bin", "Release", "net10.0", "Classifier.dll");
        return new BenchOptions(datasets, iterations, dll, encoderIterations, encoderOnly, encoderBatch, encoder);
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HybridInference.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Run the bench from inside the repository.");
    }
}
