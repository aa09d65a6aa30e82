namespace NodeNet.Native;

/// <summary>An import that libuv gained after the 1.44 floor: callers check <see cref="LibuvFeatures"/> first, and the
/// signature check compares it only with a uv.h at least this new.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class LibuvSinceAttribute(int major, int minor) : Attribute
{
    public int Major { get; } = major;
    public int Minor { get; } = minor;
}
