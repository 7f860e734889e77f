using System.Net;
using HybridInference.Router.Forwarding;
using Yarp.ReverseProxy.Forwarder;

// The floor of the Router's architecture: Kestrel plus IHttpForwarder, nothing else. What the Router costs above
// this is the cost of its own logic.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.UseInlineIo();
builder.Services.AddHttpForwarder();
var upstream = builder.Configuration["Upstream"] ?? throw new InvalidOperationException("Set Upstream to the upstream base URL.");

var app = builder.Build();
var client = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    ActivityHeadersPropagator = null,
});
var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
app.Run(async context => await forwarder.SendAsync(context, upstream, client));
app.Run();
