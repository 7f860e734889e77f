using Microsoft.Extensions.Options;

namespace HybridInference.Simulator.Tests.Engine;

public sealed class SimulatorOptionsTests
{
    [Theory]
    [InlineData("Simulator:MaxConcurrency", "0", "MaxConcurrency")]
    [InlineData("Simulator:DefaultMaxTokens", "0", "DefaultMaxTokens")]
    [InlineData("Simulator:TokensPerSecond", "-1", "TokensPerSecond")]
    [InlineData("Simulator:Models:1", "test-model", "twice")]
    public void Invalid_settings_stop_the_simulator_at_start(string key, string value, string complaint)
    {
        using var factory = new SimulatorFactory(new() { [key] = value });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(complaint, error.Message);
    }
}
