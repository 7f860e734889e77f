using HybridInference.Classifier.Api;
using HybridInference.Classifier.Encoders;
using HybridInference.Classifier.Evaluation;
using HybridInference.Classifier.Inference;
using HybridInference.Classifier.Training;

// `train`, `eval`, `embed` and `holdout` are command-line tools sharing the service's featuriser and model code; anything else runs the service.
if (args is ["train", .. var trainArgs])
{
    return TrainCommand.Run(new CommandLine(trainArgs));
}
if (args is ["eval", .. var evalArgs])
{
    return EvalCommand.Run(new CommandLine(evalArgs));
}
if (args is ["embed", .. var embedArgs])
{
    return EmbedCommand.Run(new CommandLine(embedArgs));
}
if (args is ["holdout", .. var holdoutArgs])
{
    return EvalCommand.RunHoldout(new CommandLine(holdoutArgs));
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddClassification();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapClassifyApi();
app.Run();
return 0;

public partial class Program;
