namespace HybridInference.Classifier.Tests.Api;

public sealed class HealthTests(ClassifierFactory factory) : IClassFixture<ClassifierFactory>
{
    [Fact]
    public async Task Health_reports_the_loaded_models()
    {
        var client = factory.CreateClient();
        (await client.GetAsync("/alive")).EnsureSuccessStatusCode();
        var health = await client.GetStringAsync("/health");
        Assert.Contains("domain-", health);
        Assert.Contains("guard-", health);
    }
}
