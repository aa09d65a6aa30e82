using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodeNet.AspNetCore;
using NodeNet.Hosting;

namespace NodeNet.Docs;

public static class DotNetStyle
{
    public static void TypedEvents()
    {
        EventLoop.Run(() =>
        {
            var server = Net.CreateServer();
            server.Connection += socket =>
            {
                socket.Data += chunk => socket.Write(chunk);               // ReadOnlyMemory<byte>, yours to keep
                socket.Closed += info => Console.WriteLine($"{socket.RemoteEndPoint} left: {info.Reason}");
                socket.SetTimeout(TimeSpan.FromMinutes(2));
                socket.TimedOut += () => socket.Destroy();               // Closed then says TimedOut
            };
            server.Listen(new IPEndPoint(IPAddress.Loopback, 8124));
        });
    }

    public static void NodeNamesAndTypesMeet(Server server)
    {
        server.On<Socket>(ServerEvents.Connection, socket => socket.On<byte[]>(SocketEvents.Data, data => socket.Write(data)));
        // server.On<string>(ServerEvents.Connection, ...) throws ArgumentException here, not when a client connects.
    }

    public static async Task TasksForEvents(Socket socket, CancellationToken cancellationToken)
    {
        await foreach (ReadOnlyMemory<byte> chunk in socket.WithCancellation(cancellationToken))
            Console.WriteLine($"{chunk.Length} bytes");                  // for await (const chunk of socket)
        SocketCloseInfo closed = await socket.Completion;
        Console.WriteLine(closed.Reason);
    }

    public static async Task ALoopOfYourOwn()
    {
        await using var loop = EventLoop.StartHosted("api");
        var server = loop.CreateServer(socket => socket.End("hello\n"u8.ToArray()));
        await loop.InvokeAsync(() => server.MaxConnections = 1000);     // Node-style members, on the loop
        await server.ListenAsync(new UnixDomainSocketEndPoint("/tmp/api.sock"));
        Socket client = await loop.ConnectAsync(new UnixDomainSocketEndPoint("/tmp/api.sock"));
        await client.Completion;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await server.CloseAsync(deadline.Token);                         // waits for connections, destroys the rest at 5 s
    }

    public static Task Hosted(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddNodeNetServer("echo", o =>
        {
            o.Listen = new ListenOptions { Port = 8124 };
            o.OnConnection = (socket, services) => socket.Data += chunk => socket.Write(chunk);
        });
        builder.Services.AddNodeNetServer<LineHandler>("lines", o => o.EndPoint = new UnixDomainSocketEndPoint("/run/lines.sock"));
        return builder.Build().RunAsync();
    }

    public sealed class LineHandler : INodeNetConnectionHandler
    {
        public async Task OnConnectedAsync(Socket socket, CancellationToken stopping)
        {
            using var reader = new StreamReader(socket.AsStream(), leaveOpen: true);
            while (await reader.ReadLineAsync(stopping) is { } line)
                await socket.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line.ToUpperInvariant() + "\n"), stopping);
        }
    }

    public static void AspNetCore(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseNodeNet(o => o.Loops = 2);
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket("/run/app.sock"));
        var app = builder.Build();
        app.MapGet("/whoami", (HttpContext context) =>
            context.Features.Get<INodeNetSocketFeature>()?.PeerCredentials is { } peer ? $"uid {peer.Uid}" : "unknown");
        app.Run();
    }
}
