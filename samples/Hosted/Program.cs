// Two NodeNet servers in the .NET generic host: "echo" in Node's style, "upper" as a connection handler from DI.
// Ports come from configuration (appsettings, environment, or the command line: --Echo:Port 0 --Upper:Port 0).
// Ctrl+C or SIGTERM stops both gracefully: no new connections, open ones ended, the rest destroyed at the
// shutdown timeout (Host:ShutdownTimeoutSeconds, default 5).
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodeNet;
using NodeNet.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.Configure<HostOptions>(o =>
    o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Host:ShutdownTimeoutSeconds", 5.0)));

builder.Services.AddNodeNetServer("echo", o =>
{
    o.Listen = new ListenOptions { Port = builder.Configuration.GetValue("Echo:Port", 8124), Host = "127.0.0.1" };
    o.OnConnection = (socket, _) => socket.Data += chunk => socket.Write(chunk);
});
builder.Services.AddNodeNetServer<UpperCaseHandler>("upper", o =>
    o.Listen = new ListenOptions { Port = builder.Configuration.GetValue("Upper:Port", 8125), Host = "127.0.0.1" });

using var host = builder.Build();
host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
{
    foreach (var name in new[] { "echo", "upper" })
        Console.WriteLine($"{name} listening on {host.Services.GetRequiredKeyedService<NodeNetHostedServer>(name).Address}");
});
await host.RunAsync();
Console.WriteLine("stopped");

/// <summary>Answers each line in upper case until the client ends or the host stops.</summary>
internal sealed class UpperCaseHandler(ILogger<UpperCaseHandler> logger) : INodeNetConnectionHandler
{
    public async Task OnConnectedAsync(Socket socket, CancellationToken stopping)
    {
        using var reader = new StreamReader(socket.AsStream(), Encoding.UTF8, leaveOpen: true);
        try
        {
            while (await reader.ReadLineAsync(stopping) is { } line)
                await socket.WriteAsync(Encoding.UTF8.GetBytes(line.ToUpperInvariant() + "\n"), stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogInformation("Host stopping: saying goodbye");
            await socket.WriteAsync("BYE\n"u8.ToArray(), CancellationToken.None);
        }
    }
}
