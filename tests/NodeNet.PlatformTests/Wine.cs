using System.Runtime.InteropServices;

namespace NodeNet.PlatformTests;

/// <summary>Whether this Windows is Wine: ntdll exports wine_get_version there (and nowhere on Windows).</summary>
internal static partial class Wine
{
    public static readonly string? Version = Detect();

    [LibraryImport("kernel32", EntryPoint = "CreateNamedPipeW", StringMarshalling = StringMarshalling.Utf16, SetLastError = true)]
    private static partial nint CreateNamedPipe(string name, uint openMode, uint pipeMode, uint maxInstances, uint outSize, uint inSize, uint timeout, nint security);

    [LibraryImport("kernel32")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CloseHandle(nint handle);

    /// <summary>Under Wine: whether a second CreateNamedPipeW with FILE_FLAG_FIRST_PIPE_INSTANCE for a name that already
    /// has an instance succeeds (Windows refuses it with ERROR_ACCESS_DENIED); what happened, or null.</summary>
    public static string? IgnoresFirstPipeInstance()
    {
        if (Version == null) return null;
        // libuv's own flags (src/win/pipe.c, pipe_alloc_accept): duplex, overlapped, WRITE_DAC, first instance.
        const uint Mode = 3 | 0x40000000 | 0x00040000 | 0x00080000, Unlimited = 255;
        string name = $@"\\.\pipe\nodenet-probe-{Guid.NewGuid():N}";
        nint first = CreateNamedPipe(name, Mode, 0, Unlimited, 65536, 65536, 0, 0);
        nint second = CreateNamedPipe(name, Mode, 0, Unlimited, 65536, 65536, 0, 0);
        int error = Marshal.GetLastPInvokeError();
        if (first != -1) CloseHandle(first);
        if (second != -1) CloseHandle(second);
        if (first == -1) return null; // the probe itself failed: no evidence either way
        return second != -1 ? "a second CreateNamedPipeW with the flag succeeded" : null;
    }

    private static unsafe string? Detect()
    {
        if (!OperatingSystem.IsWindows() || !NativeLibrary.TryLoad("ntdll.dll", out nint ntdll)) return null;
        if (!NativeLibrary.TryGetExport(ntdll, "wine_get_version", out nint fn)) return null;
        return Marshal.PtrToStringAnsi((nint)((delegate* unmanaged<byte*>)fn)());
    }
}
