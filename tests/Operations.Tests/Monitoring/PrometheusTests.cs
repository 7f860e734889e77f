namespace HybridInference.Operations.Tests.Monitoring;

/// <summary>The Prometheus side of <c>deploy/monitoring</c> passes Prometheus' own checks (Debian's <c>prometheus</c> package ships promtool).</summary>
public sealed class PrometheusTests
{
    private static readonly string Prometheus = RepositoryRoot.Combine("deploy", "monitoring", "prometheus");

    private static string[] Files(string folder) =>
        [.. Directory.EnumerateFiles(Path.Combine(Prometheus, folder), "*.yml").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Alert_rules_pass_promtool_check_rules()
    {
        var output = await CommandLine.SucceedAsync("promtool", ["check", "rules", .. Files("rules")]);
        Assert.Contains("SUCCESS", output);
    }

    [Fact]
    public async Task Alert_rules_pass_their_promtool_unit_tests()
    {
        var tests = Files("tests");
        Assert.NotEmpty(tests);
        var output = await CommandLine.SucceedAsync("promtool", ["test", "rules", .. tests]);
        Assert.DoesNotContain("FAILED", output);
    }

    [Fact]
    public async Task Every_alert_rule_has_a_unit_test()
    {
        var rules = await File.ReadAllTextAsync(Path.Combine(Prometheus, "rules", "hybrid-inference.yml"));
        var tests = string.Concat(Files("tests").Select(File.ReadAllText));
        var alerts = System.Text.RegularExpressions.Regex.Matches(rules, @"- alert: (\w+)").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(alerts);
        Assert.All(alerts, alert => Assert.Contains("alertname: " + alert + "\n", tests));
    }

    [Fact]
    public async Task Scrape_config_passes_promtool_check_config()
    {
        // promtool also resolves rule_files; they name the mounted path, so check a copy that names the repository's.
        var copy = Path.Combine(Directory.CreateTempSubdirectory("prometheus-config-").FullName, "prometheus.yml");
        try
        {
            var config = await File.ReadAllTextAsync(Path.Combine(Prometheus, "prometheus.yml"));
            Assert.Contains("/etc/prometheus/rules/*.yml", config);
            await File.WriteAllTextAsync(copy, config.Replace("/etc/prometheus/rules/*.yml", Path.Combine(Prometheus, "rules", "*.yml")));
            var output = await CommandLine.SucceedAsync("promtool", "check", "config", copy);
            Assert.Contains("SUCCESS", output);
            Assert.Contains("9 rules found", output);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }
}
