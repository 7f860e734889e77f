using Microsoft.AspNetCore.Mvc.Testing;

namespace HybridInference.Classifier.Tests.Api;

/// <summary>The service in-process with the committed models; shared by the API tests.</summary>
public sealed class ClassifierFactory : WebApplicationFactory<Program>;
