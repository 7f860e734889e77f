using System.Xml.Linq;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>
/// The image a resource runs as: a container resource's own pinned image, or the image a .NET project's
/// container properties describe (<c>ContainerRepository</c>, <c>ContainerImageTag</c>, in the project file or a file it imports).
/// </summary>
public static class ContainerImage
{
    /// <summary>The image reference of <paramref name="resource"/>; throws when it is not pinned to a tag.</summary>
    public static string Of(IResource resource) => resource switch
    {
        ContainerResource container => Of(container.Annotations.OfType<ContainerImageAnnotation>().Last()),
        ProjectResource project => OfProject(project.GetProjectMetadata().ProjectPath),
        _ => throw new InvalidOperationException($"{resource.Name} is neither a container nor a project"),
    };

    private static string Of(ContainerImageAnnotation image)
    {
        if (image.SHA256 is { Length: > 0 } digest)
        {
            return $"{Prefix(image.Registry)}{image.Image}@sha256:{digest}";
        }
        return $"{Prefix(image.Registry)}{image.Image}:{Pinned(image.Image, image.Tag)}";
    }

    private static string OfProject(string projectPath)
    {
        var properties = Properties(projectPath);
        var repository = properties.GetValueOrDefault("ContainerRepository")
            ?? throw new InvalidOperationException($"{projectPath} sets no ContainerRepository");
        return $"{repository}:{Pinned(repository, properties.GetValueOrDefault("ContainerImageTag"))}";
    }

    private static string Prefix(string? registry) => string.IsNullOrEmpty(registry) ? "" : registry + "/";

    private static string Pinned(string image, string? tag) => tag is { Length: > 0 } and not "latest"
        ? tag
        : throw new InvalidOperationException($"image {image} is not pinned to a tag");

    // Plain properties of the project file and the files it imports, later ones winning, as MSBuild reads them.
    private static Dictionary<string, string> Properties(string projectPath)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var project = XDocument.Load(projectPath).Root!;
        foreach (var element in project.Elements())
        {
            if (element.Name.LocalName == "Import" && element.Attribute("Project")?.Value is { } imported)
            {
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(projectPath)!, imported.Replace('\\', '/')));
                foreach (var (name, value) in Properties(path))
                {
                    properties[name] = value;
                }
            }
            else if (element.Name.LocalName == "PropertyGroup")
            {
                foreach (var property in element.Elements())
                {
                    properties[property.Name.LocalName] = property.Value.Trim();
                }
            }
        }
        return properties;
    }
}
