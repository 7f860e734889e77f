namespace HybridInference.Simulator.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task Health_endpoint_answers()
    {
        await using var factory = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>();
        var response = await factory.CreateClient().GetAsync("/alive");
        response.EnsureSuccessStatusCode();
    }
}
