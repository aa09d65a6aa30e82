using System.Runtime.CompilerServices;

namespace NodeNet.Native;

/// <summary>
/// The bindings' view of libuv's ABI, keyed like native/abi/abi_probe.c's output so a test can
/// compare the two line by line. Sizes come from the loaded library (uv_handle_size, uv_req_size),
/// constants from this assembly's enums and structs.
/// </summary>
internal static unsafe class Abi
{
    public static SortedDictionary<string, long> Describe()
    {
        var d = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["version.hex"] = Uv.uv_version(),
            ["size.loop"] = (long)Uv.uv_loop_size(),
        };
        foreach (UvHandleType t in Enum.GetValues<UvHandleType>())
        {
            string name = "UV_" + HandleName(t);
            d["handle." + name] = (int)t;
            if (t is not (UvHandleType.Unknown or UvHandleType.File))
                d["size.handle." + name] = (long)Uv.uv_handle_size(t);
        }
        foreach (UvReqType t in Enum.GetValues<UvReqType>())
        {
            string name = "UV_" + ReqName(t);
            d["req." + name] = (int)t;
            if (t is not UvReqType.Unknown)
                d["size.req." + name] = (long)Uv.uv_req_size(t);
        }
        d["run.UV_RUN_DEFAULT"] = (int)UvRunMode.Default;
        d["run.UV_RUN_ONCE"] = (int)UvRunMode.Once;
        d["run.UV_RUN_NOWAIT"] = (int)UvRunMode.NoWait;
        d["poll.UV_READABLE"] = (int)UvPollEvent.Readable;
        d["poll.UV_WRITABLE"] = (int)UvPollEvent.Writable;
        d["tcp.UV_TCP_IPV6ONLY"] = (int)UvTcpFlags.Ipv6Only;
        if (LibuvFeatures.TcpReusePortFlag) d["tcp.UV_TCP_REUSEPORT"] = (int)UvTcpFlags.ReusePort;
        d["loop.UV_METRICS_IDLE_TIME"] = (int)UvLoopOption.MetricsIdleTime;
        if (LibuvFeatures.Version >= LibuvFeatures.AtLeast(1, 45))
        {
            d["size.metrics"] = sizeof(UvMetrics);
            d["metrics.loop_count"] = System.Runtime.InteropServices.Marshal.OffsetOf<UvMetrics>(nameof(UvMetrics.LoopCount));
            d["metrics.events"] = System.Runtime.InteropServices.Marshal.OffsetOf<UvMetrics>(nameof(UvMetrics.Events));
            d["metrics.events_waiting"] = System.Runtime.InteropServices.Marshal.OffsetOf<UvMetrics>(nameof(UvMetrics.EventsWaiting));
        }
        // The handle and request wrappers keep their GCHandle in `data`, assumed to be the first field.
        d["offset.handle.data"] = 0;
        d["offset.req.data"] = 0;
        d["buf.size"] = sizeof(UvBuf);
        d["buf.base"] = UvBuf.Layout.baseOffset;
        d["buf.len"] = UvBuf.Layout.lenOffset;
        d["addrinfo.size"] = sizeof(AddrInfo);
        d["addrinfo.ai_family"] = 4;
        d["addrinfo.ai_addr"] = AddrInfo.AddrOffset;
        d["addrinfo.ai_next"] = AddrInfo.NextOffset;
        d["sockaddr.storage"] = sizeof(SockAddrStorage);
        d["af.AF_INET"] = SockAddr.AfInet;
        d["af.AF_INET6"] = SockAddr.AfInet6;
        if (OperatingSystem.IsLinux())
        {
            d["unix.AF_UNIX"] = Libc.AfUnix;
            d["unix.SOCK_STREAM"] = Libc.SockStream;
            d["unix.SOCK_NONBLOCK"] = Libc.SockNonBlock;
            d["unix.SOCK_CLOEXEC"] = Libc.SockCloexec;
            d["unix.SOL_SOCKET"] = Libc.SolSocketLinux;
            d["unix.SO_PEERCRED"] = Libc.SoPeerCred;
            d["unix.SO_TYPE"] = Libc.SoType;
            d["unix.SO_ACCEPTCONN"] = Libc.SoAcceptConn;
            d["unix.SO_REUSEPORT"] = Libc.SoReusePortLinux;
            d["unix.sun_path.offset"] = Libc.SunPathOffset;
            d["unix.sun_path.size"] = Libc.SunPathSize;
            d["unix.ucred.size"] = Libc.UcredSize;
            d["stat.size"] = Libc.StatSize;
            d["stat.st_dev"] = Libc.StatDevOffset;
            d["stat.st_ino"] = Libc.StatInoOffset;
            d["stat.st_mode"] = Libc.StatModeOffset;
            d["stat.st_uid"] = Libc.StatUidOffset;
            d["unix.O_PATH"] = Libc.OPath;
            d["unix.O_NOFOLLOW"] = Libc.ONoFollow;
            d["unix.O_CLOEXEC"] = Libc.OCloexec;
            d["stat.S_IFMT"] = Libc.SIfMt;
            d["stat.S_IFSOCK"] = Libc.SIfSock;
        }
        foreach (var (name, code) in UvErrors.ByName) d["err.UV_" + name] = code;
        return d;
    }

    private static string HandleName(UvHandleType t) => t switch
    {
        UvHandleType.Unknown => "UNKNOWN_HANDLE",
        UvHandleType.FsEvent => "FS_EVENT",
        UvHandleType.FsPoll => "FS_POLL",
        UvHandleType.NamedPipe => "NAMED_PIPE",
        _ => t.ToString().ToUpperInvariant(),
    };

    private static string ReqName(UvReqType t) => t switch
    {
        UvReqType.Unknown => "UNKNOWN_REQ",
        UvReqType.UdpSend => "UDP_SEND",
        UvReqType.GetAddrInfo => "GETADDRINFO",
        UvReqType.GetNameInfo => "GETNAMEINFO",
        _ => t.ToString().ToUpperInvariant(),
    };
}
