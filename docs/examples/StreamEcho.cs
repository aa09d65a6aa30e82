namespace NodeNet.Docs;

// README.md: Node's own echo, c.write('hello\r\n'); c.pipe(c) (PipeTests runs it with node as the client).
public static class StreamEcho
{
    public static void Echo()
    {
        EventLoop.Run(() =>
        {
            var server = Net.CreateServer(c =>
            {
                c.Write("hello\r\n");
                c.Pipe(c);
            });
            server.Listen(8124);
        });
    }
}
