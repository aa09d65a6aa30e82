// ASP.NET Core served by Kestrel over NodeNet (libuv), on TCP and Unix sockets:
//   dotnet run --project samples/AspNetCore -- --urls "http://127.0.0.1:5000;http://unix:/tmp/app.sock"
//   curl http://127.0.0.1:5000/            curl --unix-socket /tmp/app.sock http://localhost/whoami
// Options: --loops N (event loops), --inline true (Kestrel and handlers on the loop thread), --transport sockets
// (Kestrel's own transport, for comparison).
using NodeNet;
using NodeNet.AspNetCore;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (builder.Configuration["transport"] != "sockets")
    builder.WebHost.UseNodeNet(o =>
    {
        o.Loops = builder.Configuration.GetValue("loops", o.Loops);
        o.UnsafePreferInlineScheduling = builder.Configuration.GetValue("inline", false);
    });

var app = builder.Build();
app.MapGet("/", () => "Hello, World!");
app.MapGet("/plaintext", () => Results.Text("Hello, World!"));
app.MapPost("/echo", async (HttpRequest request, HttpResponse response) =>
{
    response.ContentType = request.ContentType ?? "application/octet-stream";
    await request.Body.CopyToAsync(response.Body);
});
// Who is calling: over a Unix socket NodeNet knows the peer's pid and uid (SO_PEERCRED); over TCP nobody does.
app.MapGet("/whoami", (HttpContext context) =>
{
    var feature = context.Features.Get<INodeNetSocketFeature>();
    return feature?.PeerCredentials is { } peer
        ? Results.Text($"pid={peer.Pid} uid={peer.Uid} gid={peer.Gid}\n")
        : Results.Text(feature == null ? "not served by NodeNet\n" : "a TCP client: no credentials\n");
});

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls) Console.WriteLine($"listening on {address}");
});
app.Run();
