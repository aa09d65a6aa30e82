namespace NodeNet.Native;

/// <summary>
/// struct addrinfo. glibc puts ai_addr before ai_canonname; BSD, macOS and Windows swap them,
/// and Windows widens ai_addrlen to size_t (covered here by the pointer-sized slot).
/// </summary>
#pragma warning disable CS0649 // filled in by getaddrinfo
internal unsafe struct AddrInfo
{
    public int Flags;
    public int Family;
    public int SockType;
    public int Protocol;
    public nint AddrLen;
    private nint _slot1;
    private nint _slot2;
    public AddrInfo* Next;

    private static readonly bool AddrFirst = OperatingSystem.IsLinux();

    public byte* Addr => (byte*)(AddrFirst ? _slot1 : _slot2);

    internal static int AddrOffset => AddrFirst ? 24 : 32;
    internal static int NextOffset => 40;
}
