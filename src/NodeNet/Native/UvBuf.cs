namespace NodeNet.Native;

/// <summary>
/// uv_buf_t. Unix lays it out as { char* base; size_t len; }, Windows as { ULONG len; char* base; },
/// so the two pointer-sized slots swap meaning by platform.
/// </summary>
internal unsafe struct UvBuf
{
    private nint _first;
    private nint _second;

    private static readonly bool LenFirst = OperatingSystem.IsWindows();

    public UvBuf(byte* data, nuint length)
    {
        if (LenFirst) { _first = (nint)length; _second = (nint)data; }
        else { _first = (nint)data; _second = (nint)length; }
    }

    public byte* Base => (byte*)(LenFirst ? _second : _first);
    public nuint Length => LenFirst ? (uint)_first : (nuint)_second;

    /// <summary>Offsets as this binding assumes them, for the ABI test.</summary>
    internal static (int baseOffset, int lenOffset) Layout => LenFirst ? (sizeof(nint), 0) : (0, sizeof(nint));
}
