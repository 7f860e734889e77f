using System.Text.RegularExpressions;

namespace HybridInference.Operations.Tests.Appliance;

/// <summary>
/// The appliance image cannot be built here (no podman, no bootc), so its files are linted: every script passes
/// <c>bash -n</c> and shellcheck, everything the Containerfile copies exists, and the manifests it installs are the
/// published appliance overlays, which build with kubectl kustomize in the layout the image gives them.
/// </summary>
public sealed partial class ApplianceFilesTests
{
    public static TheoryData<string> Scripts()
    {
        var scripts = new TheoryData<string>();
        foreach (var folder in new[] { "appliance", "scripts" })
        {
            foreach (var file in Directory.EnumerateFiles(RepositoryRoot.Combine("deploy", folder)).Order(StringComparer.Ordinal))
            {
                if (File.ReadLines(file).FirstOrDefault() is "#!/usr/bin/env bash" or "#!/bin/bash")
                {
                    scripts.Add(Path.GetRelativePath(RepositoryRoot.Path, file));
                }
            }
        }
        return scripts;
    }

    [Fact]
    public void The_operator_scripts_are_all_found() =>
        Assert.Equal(
            ["deploy/appliance/configure-router", "deploy/appliance/create-secrets", "deploy/appliance/select-mode", "deploy/scripts/smoke-test"],
            ((IEnumerable<object[]>)Scripts()).Select(row => (string)row[0]));

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Script_passes_bash_syntax_check(string script) => await CommandLine.SucceedAsync("bash", "-n", script);

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Script_passes_shellcheck(string script) => await CommandLine.SucceedAsync("shellcheck", "--severity=style", script);

    [Fact]
    public void Every_file_the_containerfile_copies_exists()
    {
        var copies = ApplianceImage.Copies();
        Assert.NotEmpty(copies);
        var missing = copies.SelectMany(c => c.Sources).Where(source => !Path.Exists(RepositoryRoot.Combine(source))).ToList();
        Assert.True(missing.Count == 0, "The Containerfile copies what is not in the repository: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_installed_manifests_are_the_published_appliance_overlays_with_what_they_reference()
    {
        var installed = ApplianceImage.Copies().Where(c => c.Destination.StartsWith(ApplianceImage.ManifestsDirectory + "/", StringComparison.Ordinal))
            .ToDictionary(c => c.Destination[(ApplianceImage.ManifestsDirectory.Length + 1)..], c => c.Sources.Single());

        Assert.Equal(new Dictionary<string, string>
        {
            ["base"] = "deploy/kubernetes/base",
            ["components"] = "deploy/kubernetes/components",
            ["overlays/appliance-full"] = "deploy/kubernetes/overlays/appliance-full",
            ["overlays/appliance-slim"] = "deploy/kubernetes/overlays/appliance-slim",
        }, installed);
    }

    [Theory]
    [InlineData("full")]
    [InlineData("slim")]
    public async Task Each_mode_builds_with_kubectl_kustomize_where_microshift_finds_it(string mode)
    {
        var root = Directory.CreateTempSubdirectory("appliance-manifests-").FullName;
        try
        {
            ApplianceImage.LayOutManifests(root);
            if (mode == "slim")
            {
                // What select-mode writes.
                var kustomization = Path.Combine(root, "kustomization.yaml");
                await File.WriteAllTextAsync(kustomization, (await File.ReadAllTextAsync(kustomization)).Replace("overlays/appliance-full", "overlays/appliance-slim"));
            }

            var manifests = await CommandLine.SucceedAsync("kubectl", "kustomize", root);

            var deployments = manifests.Split("\n---\n").Where(d => d.Contains("kind: Deployment\n", StringComparison.Ordinal))
                .Select(d => DeploymentName().Match(d).Groups[1].Value).ToList();
            Assert.Contains("router", deployments);
            Assert.Contains("wait-for-configure-router", manifests);
            Assert.Equal(mode == "full", deployments.Contains("control"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Every_image_the_overlays_run_is_pre_pulled()
    {
        var images = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var overlay in new[] { "appliance-full", "appliance-slim" })
        {
            var manifests = await CommandLine.SucceedAsync("kubectl", "kustomize", RepositoryRoot.Combine("deploy", "kubernetes", "overlays", overlay));
            images.UnionWith(ImageLine().Matches(manifests).Select(m => m.Groups[1].Value.Trim('"', '\'')));
        }
        var listed = File.ReadLines(RepositoryRoot.Combine("deploy", "appliance", "images.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(images);
        Assert.Equal(images, new SortedSet<string>(listed, StringComparer.Ordinal));
    }

    [Fact]
    public void Systemd_units_start_programs_the_image_installs()
    {
        var installed = ApplianceImage.Copies().Select(c => c.Destination).ToList();
        foreach (var unit in Directory.EnumerateFiles(RepositoryRoot.Combine("deploy", "appliance", "systemd")))
        {
            var text = File.ReadAllText(unit);
            Assert.Contains(installed, destination => destination == "/usr/lib/systemd/system/" || destination == "/usr/lib/systemd/system/" + Path.GetFileName(unit));
            foreach (Match start in ExecStart().Matches(text))
            {
                Assert.Contains(start.Groups[1].Value, installed);
            }
            Assert.Contains("systemctl enable " + Path.GetFileName(unit), File.ReadAllText(ApplianceImage.Containerfile));
        }
    }

    [Fact]
    public void First_boot_secrets_carry_every_key_of_the_published_secrets_template()
    {
        var template = File.ReadLines(RepositoryRoot.Combine("deploy", "kubernetes", "components", "secrets", "secrets.example.env"))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line[..line.IndexOf('=')]).ToList();
        var script = File.ReadAllText(RepositoryRoot.Combine("deploy", "appliance", "create-secrets"));
        var envFile = script[(script.IndexOf("<<SECRETS\n", StringComparison.Ordinal) + 10)..script.IndexOf("\nSECRETS\n", StringComparison.Ordinal)];
        var written = SecretLine().Matches(envFile).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(template);
        // HF_TOKEN is the operator's own (gated models only); everything else the appliance makes up itself.
        Assert.Equal(template.Where(key => key != "HF_TOKEN").Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^(\w+)=\S", RegexOptions.Multiline)]
    private static partial Regex SecretLine();

    [GeneratedRegex(@"^\s*image:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ImageLine();

    [GeneratedRegex(@"^metadata:\n(?:  .*\n)*?  name: (\S+)", RegexOptions.Multiline)]
    private static partial Regex DeploymentName();

    [GeneratedRegex(@"^ExecStart=(\S+)", RegexOptions.Multiline)]
    private static partial Regex ExecStart();
}
