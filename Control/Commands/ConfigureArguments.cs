namespace HybridInference.Control.Commands;

/// <summary>The <c>configure</c> command line: <c>--name value</c> or <c>--name=value</c> options and bare switches.</summary>
internal sealed class ConfigureArguments
{
    public const string Usage = "usage: configure --endpoint <url> --api-key <key> --model-coding <id> --model-general <id> " +
        "[--backend <name>] [--api-key-secret <name>] [--no-probe] [--no-key-file] [--print]";

    /// <summary>Values every configuration needs; asked for on a terminal when missing.</summary>
    public static readonly string[] Required = ["endpoint", "api-key", "model-coding", "model-general"];

    private static readonly string[] Optional = ["backend", "api-key-secret"];
    private static readonly string[] Switches = ["print", "no-probe", "no-key-file"];

    private readonly HashSet<string> _switches = new(StringComparer.Ordinal);

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary><c>--print</c>: show the effective config (alone: only that).</summary>
    public bool Print => _switches.Contains("print");

    /// <summary><c>--no-probe</c>: store without asking the endpoint first (it is not reachable from here yet).</summary>
    public bool SkipProbe => _switches.Contains("no-probe");

    /// <summary><c>--no-key-file</c>: the caller stores the key itself (the appliance's script, as a Kubernetes Secret).</summary>
    public bool SkipKeyFile => _switches.Contains("no-key-file");

    public string this[string name] => Values[name];

    public static bool TryParse(IReadOnlyList<string> args, out ConfigureArguments parsed, out string problem)
    {
        parsed = new ConfigureArguments();
        problem = "";
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : "";
            string? value = null;
            if (name.IndexOf('=') is var equals and >= 0)
            {
                (name, value) = (name[..equals], name[(equals + 1)..]);
            }
            if (value is null && Switches.Contains(name))
            {
                parsed._switches.Add(name);
                continue;
            }
            if (!Required.Contains(name) && !Optional.Contains(name))
            {
                problem = $"unknown option '{arg}'; {Usage}";
                return false;
            }
            value ??= i + 1 < args.Count ? args[++i] : null;
            if (value is null)
            {
                problem = $"option '{arg}' needs a value; {Usage}";
                return false;
            }
            parsed.Values[name] = value.Trim();
        }
        return true;
    }
}
