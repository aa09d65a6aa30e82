namespace NodeNet.Native;

// Values mirror uv.h's enums; the ABI probe test compares each of them with the header.

internal enum UvHandleType
{
    Unknown = 0, Async = 1, Check = 2, FsEvent = 3, FsPoll = 4, Handle = 5, Idle = 6, NamedPipe = 7,
    Poll = 8, Prepare = 9, Process = 10, Stream = 11, Tcp = 12, Timer = 13, Tty = 14, Udp = 15,
    Signal = 16, File = 17,
}

internal enum UvReqType
{
    Unknown = 0, Req = 1, Connect = 2, Write = 3, Shutdown = 4, UdpSend = 5, Fs = 6, Work = 7,
    GetAddrInfo = 8, GetNameInfo = 9, Random = 10,
}

internal enum UvRunMode { Default = 0, Once = 1, NoWait = 2 }

/// <summary>uv_pipe_chmod flags.</summary>
[Flags]
internal enum UvPollEvent { Readable = 1, Writable = 2 }

/// <summary>uv_tcp_bind flags.</summary>
[Flags]
internal enum UvTcpFlags : uint { None = 0, Ipv6Only = 1, /** libuv 1.49 */ ReusePort = 2 }

/// <summary>uv_loop_option, for uv_loop_configure.</summary>
internal enum UvLoopOption { BlockSignal = 0, MetricsIdleTime = 1 }
