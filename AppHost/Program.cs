using HybridInference.AppHost.GpuPlanning;
using HybridInference.AppHost.Hosting;
using HybridInference.AppHost.Kubernetes;
using HybridInference.AppHost.RunFile;

var builder = DistributedApplication.CreateBuilder(args);
var fabric = FabricEnvironment.Detect(builder);
var secrets = FabricSecrets.Add(builder);
var routerConfig = Path.Combine(builder.AppHostDirectory, "Config", "router.yaml");

// Infrastructure: containers where an engine runs, local processes under the same names elsewhere
var controlDb = builder.AddPostgresDatabase(fabric, "postgres", "controldb");
var redis = builder.AddOptionalRedis(fabric, "redis");

// Model servers: two local engines sharing one GPU (vLLM there, Simulators here) and one remote OpenAI-compatible API
var models = ModelCatalog.Load(builder);
var vllmCoding = builder.AddModelServer(fabric, "vllm-coding", models["qwen2.5-coder-7b-instruct"]);
var vllmGeneral = builder.AddModelServer(fabric, "vllm-general", models["llama-3.1-8b-instruct"], sharesGpuAfter: vllmCoding);
var cloud = builder.AddSimulator("cloud", "gpt-4o-mini", ["qwen2.5-coder-7b-instruct", "llama-3.1-8b-instruct", "bge-m3"])
    .WithEnvironment("Simulator__ApiKey", secrets.CloudApiKey);

// Classifier: domain, jailbreak and PII for `auto`
var classifier = builder.AddProject<Projects.Classifier>("classifier").WithAnyFreePort()
    .WithHttpHealthCheck("/health");

// Control: keys, catalog, usage, invoices and router config on PostgreSQL
var control = builder.AddProject<Projects.Control>("control").WithAnyFreePort()
    .WithReference(controlDb).WaitFor(controlDb)
    .WithOptionalReference(redis)
    .WithEnvironment("Control__AdminToken", secrets.AdminToken)
    .WithEnvironment("Control__InternalToken", secrets.InternalToken)
    .WithEnvironment("Control__DevKey", secrets.DevKey)
    .WithEnvironment("Control__SeedConfigFile", routerConfig)
    .WithSecretsFolder(fabric, "Control__SecretsDirectory")
    .WithHttpHealthCheck("/health");

// Router: the one OpenAI-compatible endpoint, on the appliance's NodePort
var router = builder.AddProject<Projects.Router>("router")
    .WithNodePort(fabric, EndpointPortExtensions.Router)
    .WithReference(control).WaitFor(control)
    .WithReference(classifier).WaitFor(classifier)
    .WithModelServer(vllmCoding)
    .WithModelServer(vllmGeneral)
    .WithModelServer(cloud)
    .WithOptionalReference(redis)
    .WithEnvironment("Router__ConfigSource", "control")
    .WithEnvironment("Router__ConfigFile", routerConfig)
    .WithEnvironment("Router__InternalToken", secrets.InternalToken)
    .WithEnvironment("Router__AdminToken", secrets.AdminToken)
    .WithEnvironment("CLOUD_API_KEY", secrets.CloudApiKey)
    .WithSecretsFolder(fabric, "SecretFiles__Directory")
    // Request work stays on the socket thread that read it (Router/Forwarding/InlineIo.cs).
    .WithEnvironment("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1")
    .WithHttpHealthCheck("/health");

// Dashboard: the operator's UI, on the appliance's NodePort
builder.AddProject<Projects.Dashboard>("dashboard")
    .WithNodePort(fabric, EndpointPortExtensions.Dashboard)
    .WithReference(control).WithReference(router).WithReference(classifier)
    .WithOptionalReference(redis)
    .WithEnvironment("Dashboard__AdminToken", secrets.AdminToken)
    // Trace links open the local Aspire dashboard; published manifests have none to point at.
    .WithEnvironment(context =>
    {
        if (context.ExecutionContext.IsRunMode)
        {
            context.EnvironmentVariables["Dashboard__TracesUrl"] = builder.Configuration["ASPNETCORE_URLS"]?.Split(';')[0] ?? "";
        }
    })
    .WithHttpHealthCheck("/health");

// Publishing: the same model as kustomize manifests (deploy/kubernetes), checked against the GPU plan first
builder.AddKubernetesPublishing(models);

builder.Services.AddSingleton(fabric).AddSingleton(secrets).AddHostedService<FabricRunFile>();
builder.Build().Run();
