using HybridInference.Classifier.Inference;
using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Tests.Training;

public sealed class TaskDefinitionTests
{
    [Theory]
    [InlineData("domain")]
    [InlineData("guard")]
    public void Plain_train_command_uses_the_committed_models_recipe(string name)
    {
        var task = TaskDefinition.Find(name);
        var settings = task.Adjust(TaskTrainingSettings.FromCommandLine(new CommandLine([]), task.Defaults));
        var committed = ModelMetadata.Load(Path.Combine(TestData.ModelsDirectory, name + ".json"));
        Assert.Equal(committed.Hashing, settings.Hashing);
        Assert.Equal(committed.Training, settings.Training);
    }
}
