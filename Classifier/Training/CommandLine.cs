using System.Globalization;

namespace HybridInference.Classifier.Training;

/// <summary><c>--name value</c> and <c>--flag</c> arguments after the sub-command.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
            var name = args[i][2..];
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            _values[name] = hasValue ? args[++i] : null;
        }
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} <value> is required.");

    public int? Int(string name) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

    public float? Float(string name) => Get(name) is { } v ? float.Parse(v, CultureInfo.InvariantCulture) : null;
}
