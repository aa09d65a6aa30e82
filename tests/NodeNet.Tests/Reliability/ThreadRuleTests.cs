using System.Reflection;
using Xunit;

namespace NodeNet.Tests.Reliability;

/// <summary>The thread rule, for every public member of Server and Socket (EventEmitter's included): off the loop
/// thread it throws InvalidOperationException before it reads or changes anything. Thread-safe are the Task-based API,
/// the Stream/pipe views, every property getter (status anyone may read: see AnyThreadStatusTests), address(), and
/// what posts itself to the loop (Dispose, CloseAllConnections, EndAllConnections).</summary>
public class ThreadRuleTests
{
    private static readonly HashSet<string> ThreadSafe =
    [
        "AsPipe", "AsStream", "GetAsyncEnumerator", "DisposeAsync", "Dispose", "Abort", "Address",
        "CloseAllConnections", "EndAllConnections", "set_DisposeFlushTimeout", "add_LoopFailed", "remove_LoopFailed",
        "GetType", "ToString", "Equals", "GetHashCode",
    ];

    private static bool IsThreadSafe(MethodInfo m) =>
        ThreadSafe.Contains(m.Name) || m.Name.StartsWith("get_", StringComparison.Ordinal) ||
        m.Name.EndsWith("Async", StringComparison.Ordinal);

    public static IEnumerable<object[]> Members(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.DeclaringType != typeof(object) && !IsThreadSafe(m))
            .Select(m => new object[] { Describe(m) })
            .DistinctBy(a => (string)a[0]).OrderBy(a => (string)a[0]);

    public static IEnumerable<object[]> ServerMembers() => Members(typeof(Server));
    public static IEnumerable<object[]> SocketMembers() => Members(typeof(Socket));

    private static string Describe(MethodInfo m) =>
        $"{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})";

    private static MethodInfo Find(Type type, string description) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance).First(m => Describe(m) == description);

    [Theory]
    [MemberData(nameof(ServerMembers))]
    public Task Server_member_off_the_loop_thread_throws_and_changes_nothing(string member) => Check(typeof(Server), member);

    [Theory]
    [MemberData(nameof(SocketMembers))]
    public Task Socket_member_off_the_loop_thread_throws_and_changes_nothing(string member) => Check(typeof(Socket), member);

    private static async Task Check(Type type, string member)
    {
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var socket = await loop.On(() => new Socket());
        await socket.ConnectAsync(port, "127.0.0.1").WaitAsync(LoopHelpers.Deadline);
        object target = type == typeof(Server) ? server : socket;

        string before = await loop.On(() => Snapshot(target));
        var method = Find(type, member);
        if (method.IsGenericMethodDefinition) method = method.MakeGenericMethod(method.GetGenericArguments().Select(_ => typeof(object)).ToArray());
        object?[] args = method.GetParameters().Select(p => Argument(p.ParameterType)).ToArray();
        // A params span cannot go through reflection: Emit is called directly.
        var thrown = method.Name == "Emit" ? Record.Exception(() => ((EventEmitter)target).Emit("x"))
            : Record.Exception(() => method.Invoke(target, args));
        if (thrown is TargetInvocationException { InnerException: { } inner }) thrown = inner;
        Assert.IsType<InvalidOperationException>(thrown);
        Assert.Contains("belongs to the event loop", thrown.Message);
        Assert.Equal(before, await loop.On(() => Snapshot(target)));
        await loop.On(() => socket.Destroy());
    }

    /// <summary>Everything an observer can read, read on the loop thread.</summary>
    private static string Snapshot(object target)
    {
        var emitter = (EventEmitter)target;
        var parts = emitter.EventNames().Select(e => $"{e}={emitter.ListenerCount(e)}").ToList();
        foreach (var p in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (p.GetIndexParameters().Length == 0) parts.Add($"{p.Name}={Show(p.GetValue(target))}");
        parts.Add($"max={emitter.GetMaxListeners()}");
        return string.Join("; ", parts);
    }

    private static string Show(object? v) => v switch
    {
        null => "null",
        System.Collections.IEnumerable e and not string => string.Join(",", e.Cast<object>()),
        _ => v.ToString()!,
    };

    private static object? Argument(Type t)
    {
        if (t == typeof(string)) return "x";
        if (t == typeof(int) || t == typeof(double) || t == typeof(bool)) return Activator.CreateInstance(t);
        if (t == typeof(int?)) return 0;
        if (t == typeof(double?)) return 0.0;
        if (t == typeof(TimeSpan?)) return TimeSpan.Zero;
        if (t == typeof(KeepAliveOptions)) return new KeepAliveOptions();
        if (t == typeof(byte[])) return new byte[1];
        if (t == typeof(ReadOnlyMemory<byte>)) return new ReadOnlyMemory<byte>(new byte[1]);
        if (t == typeof(ReadOnlySpan<object>)) return null; // params span: cannot be boxed, so Emit is called below with none
        if (t == typeof(Exception)) return new Exception("x");
        if (t == typeof(Server) || t == typeof(Socket) || t == typeof(ReceivedHandle) || t == typeof(BoundSocket) || t == typeof(EventLoop)) return null;
        if (t == typeof(ListenOptions)) return new ListenOptions { Port = 0 };
        if (t == typeof(ConnectOptions)) return new ConnectOptions { Port = 1 };
        if (t == typeof(Delegate) || t == typeof(Action)) return (Action)(() => { });
        if (t == typeof(Action<object>)) return (Action<object>)(_ => { });
        if (t == typeof(Action<object, object>)) return (Action<object, object>)((_, _) => { });
        if (t == typeof(Action<object, object, object>)) return (Action<object, object, object>)((_, _, _) => { });
        if (t == typeof(Action<Exception?>)) return (Action<Exception?>)(_ => { });
        if (t == typeof(Action<Exception?, int>)) return (Action<Exception?, int>)((_, _) => { });
        if (t == typeof(Action<Exception>)) return (Action<Exception>)(_ => { });
        if (t == typeof(Func<Task>)) return (Func<Task>)(() => Task.CompletedTask);
        if (t == typeof(Func<object, Task>)) return (Func<object, Task>)(_ => Task.CompletedTask);
        if (t == typeof(Func<object, object, Task>)) return (Func<object, object, Task>)((_, _) => Task.CompletedTask);
        if (t == typeof(Action<ReadOnlyMemory<byte>>)) return (Action<ReadOnlyMemory<byte>>)(_ => { });
        if (t == typeof(Action<SocketCloseInfo>)) return (Action<SocketCloseInfo>)(_ => { });
        if (t == typeof(Action<Socket>)) return (Action<Socket>)(_ => { });
        if (t == typeof(Action<DropInfo?>)) return (Action<DropInfo?>)(_ => { });
        if (t == typeof(System.Net.EndPoint)) return new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1);
        if (t == typeof(TimeSpan)) return TimeSpan.FromSeconds(1);
        if (t == typeof(Microsoft.Extensions.Logging.ILogger)) return Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        throw new NotSupportedException($"no test argument for {t}");
    }
}
