using System.IO.Pipelines;
using System.Security.Cryptography;
using Xunit;

namespace NodeNet.Tests.Streams;

/// <summary>Socket.Pipe beyond the scenarios: the README's echo with node as the client, piping across loops with
/// back-pressure, and into and out of .NET streams.</summary>
public class PipeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_READMEs_echo_serves_node_byte_for_byte()
    {
        string readme = File.ReadAllText(Path.Combine(TestLoop.RepoRoot, "README.md"));
        Assert.Contains("c.Write(\"hello\\r\\n\");", readme);
        Assert.Contains("c.Pipe(c);", readme);
        await using var loop = EventLoop.StartHosted();
        var server = await loop.On(() => Net.CreateServer(c =>
        {
            c.Write("hello\r\n");
            c.Pipe(c);
        }));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        // node sends 8 MiB in 64 KiB writes and ends; it checks the greeting and the echo's hash.
        string script = """
            const net = require('net'), crypto = require('crypto');
            const data = crypto.randomBytes(8 * 1024 * 1024);
            const c = net.connect(+process.argv[2], '127.0.0.1');
            const parts = [];
            c.on('data', d => parts.push(d));
            c.on('connect', () => { for (let i = 0; i < data.length; i += 65536) c.write(data.subarray(i, i + 65536)); c.end(); });
            c.on('end', () => {
              const all = Buffer.concat(parts);
              const ok = all.subarray(0, 7).toString() === 'hello\r\n' && all.subarray(7).equals(data);
              console.log(ok ? 'echoed' : 'differs ' + all.length);
            });
            """;
        string file = Path.Combine(TestLoop.TempDir(), "client.js");
        File.WriteAllText(file, script);
        var (code, stdout, stderr) = await Task.Run(() => ProcessRunner.Run(NodeReference.Path, [file, port.ToString()], timeoutMs: 60_000));
        Assert.True(code == 0, stderr);
        Assert.Equal("echoed", stdout.Trim());
        await server.CloseAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_pipe_to_a_socket_on_another_loop_keeps_order_and_back_pressure()
    {
        await using var a = EventLoop.StartHosted();
        await using var b = EventLoop.StartHosted();
        var data = RandomNumberGenerator.GetBytes(24 * 1024 * 1024);
        // Loop a's server pipes what it reads into a client of loop b, which connects to a sink on loop b that reads slowly.
        var sinkDone = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = await b.On(() => Net.CreateServer(c =>
        {
            var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            c.On<byte[]>("data", d => { hash.AppendData(d); c.Pause(); EventLoop.Current!.SetTimeout(() => c.Resume(), 1); });
            c.On("end", () => sinkDone.TrySetResult(hash.GetHashAndReset()));
        }));
        int sinkPort = (await sink.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var forward = await b.On(() => Net.Connect(sinkPort, "127.0.0.1"));
        int pauses = 0;
        var piped = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = await a.On(() => Net.CreateServer(c =>
        {
            c.On("pause", () => pauses++);
            forward.Loop.Post(() => forward.On<Socket>("pipe", src => piped.TrySetResult(src)));
            c.Pipe(forward);
        }));
        int port = (await source.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        await using var client = await Net.ConnectAsync(port, "127.0.0.1");
        await client.WriteAsync(data).WaitAsync(Deadline);
        await client.EndAsync().WaitAsync(Deadline);
        var received = await sinkDone.Task.WaitAsync(Deadline);
        Assert.Equal(SHA256.HashData(data), received);
        Assert.NotNull(await piped.Task.WaitAsync(Deadline));
        Assert.True(await a.On(() => pauses) > 0, "the slow sink never paused the source: no back-pressure across loops");
        await sink.CloseAsync().WaitAsync(Deadline);
        await source.CloseAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task PipeAsync_writes_into_a_Stream_and_a_PipeWriter_and_PipeFromAsync_reads_a_Stream()
    {
        await using var loop = EventLoop.StartHosted();
        var data = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var intoStream = new MemoryStream();
        var pipe = new Pipe();
        var done = new List<Task>();
        int n = 0;
        var server = await loop.On(() => Net.CreateServer(c =>
        {
            // The first connection goes into a MemoryStream, the second into a PipeWriter.
            done.Add(n++ == 0 ? c.PipeAsync(new NonDisposingStream(intoStream)) : c.PipeAsync(pipe.Writer));
        }));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        // Read the pipe meanwhile: a Pipe holds back its writer (64 KiB by default) until someone reads.
        var fromPipe = new MemoryStream();
        var reading = pipe.Reader.CopyToAsync(fromPipe); // ends when PipeAsync completes the writer
        foreach (var _ in new[] { 1, 2 })
        {
            await using var c = await Net.ConnectAsync(port, "127.0.0.1");
            await c.PipeFromAsync(new MemoryStream(data)).WaitAsync(Deadline);
            await c.Completion.WaitAsync(Deadline);
        }
        await reading.WaitAsync(Deadline);
        await Task.WhenAll(await loop.On(() => done.ToArray())).WaitAsync(Deadline);
        Assert.Equal(data, intoStream.ToArray());
        Assert.Equal(data, fromPipe.ToArray());
        await server.CloseAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task PipeAsync_faults_when_the_socket_is_destroyed_before_its_end()
    {
        await using var loop = EventLoop.StartHosted();
        var server = await loop.On(() => Net.CreateServer(c => c.Resume()));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var c = await loop.On(() => Net.Connect(port, "127.0.0.1"));
        var piping = c.PipeAsync(new MemoryStream());
        await loop.On(() => c.Destroy(new NodeNetException("EBOOM", "boom")));
        var e = await Assert.ThrowsAsync<NodeNetException>(() => piping.WaitAsync(Deadline));
        Assert.Equal("EBOOM", e.Code);
        await server.CloseAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task PipelineAsync_across_loops_completes_and_a_destroyed_member_fails_it()
    {
        await using var a = EventLoop.StartHosted();
        await using var b = EventLoop.StartHosted();
        var got = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = await b.On(() => Net.CreateServer(c =>
        {
            c.SetEncoding("utf8");
            string all = "";
            c.On<string>("data", d => all += d);
            c.On("end", () => { got.TrySetResult(all); c.End(); });
        }));
        int sinkPort = (await sink.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var accepted = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = await a.On(() => Net.CreateServer(c => accepted.TrySetResult(c)));
        int port = (await source.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;

        await using var client = await Net.ConnectAsync(port, "127.0.0.1");
        var from = await accepted.Task.WaitAsync(Deadline);
        var to = await b.On(() => Net.Connect(sinkPort, "127.0.0.1"));
        var pipeline = Net.PipelineAsync(from, to);
        await client.WriteAsync("across loops"u8.ToArray()).WaitAsync(Deadline);
        await client.EndAsync().WaitAsync(Deadline);
        Assert.Equal("across loops", await got.Task.WaitAsync(Deadline));
        await pipeline.WaitAsync(Deadline);

        accepted = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client2 = await Net.ConnectAsync(port, "127.0.0.1");
        var from2 = await accepted.Task.WaitAsync(Deadline);
        var to2 = await b.On(() => Net.Connect(sinkPort, "127.0.0.1"));
        var failing = Net.PipelineAsync(from2, to2);
        await b.On(() => to2.Destroy(new NodeNetException("EBOOM", "boom")));
        var e = await Assert.ThrowsAsync<NodeNetException>(() => failing.WaitAsync(Deadline));
        Assert.Equal("EBOOM", e.Code);
        Assert.True(await a.On(() => from2.Destroyed), "pipeline left the source open after the destination failed");
        await sink.CloseAsync().WaitAsync(Deadline);
        await source.CloseAsync().WaitAsync(Deadline);
    }

    /// <summary>Lets the test read the MemoryStream after PipeAsync disposed what it was given.</summary>
    private sealed class NonDisposingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
