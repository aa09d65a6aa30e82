using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NodeNet.Native;

/// <summary>
/// Finds libuv: the app-local runtimes/&lt;rid&gt;/native copy first, then the copy beside the app,
/// then the system's names. The first use of any loop calls <see cref="EnsureLoaded"/>, which
/// throws a message saying what to install when no usable libuv is found.
/// </summary>
internal static unsafe class LibuvLoader
{
    public const uint MinimumVersion = (1 << 16) | (44 << 8);
    public const string MinimumVersionText = "1.44";

    private static readonly object Gate = new();
    private static nint s_handle;
    private static Exception? s_failure;

    /// <summary>Path the library was loaded from, or the system name that resolved.</summary>
    public static string? LoadedFrom { get; private set; }

    // The resolver must be in place before the first P/Invoke, whichever public type is touched first.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(LibuvLoader).Assembly, Resolve);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == Uv.Lib ? EnsureLoaded() : 0;

    public static nint EnsureLoaded()
    {
        if (s_handle != 0) return s_handle;
        lock (Gate)
        {
            if (s_handle != 0) return s_handle;
            if (s_failure != null) throw s_failure;
            var (handle, from, error) = Load(Candidates());
            if (error != null) { s_failure = error; throw error; }
            LoadedFrom = from;
            s_handle = handle;
            return handle;
        }
    }

    /// <summary>Where we look, in order.</summary>
    public static IEnumerable<string> Candidates()
    {
        string baseDir = AppContext.BaseDirectory;
        foreach (string file in FileNames())
            yield return Path.Combine(baseDir, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", file);
        foreach (string rid in PortableRids())
            foreach (string file in FileNames())
                yield return Path.Combine(baseDir, "runtimes", rid, "native", file);
        foreach (string file in FileNames())
            yield return Path.Combine(baseDir, file);
        foreach (string file in FileNames())
            yield return file; // bare names: the system loader's search path
    }

    private static string[] FileNames() =>
        OperatingSystem.IsWindows() ? ["uv.dll", "libuv.dll"]
        : OperatingSystem.IsMacOS() ? ["libuv.dylib", "libuv.1.dylib"]
        : ["libuv.so.1", "libuv.so"];

    private static IEnumerable<string> PortableRids()
    {
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        yield return $"{os}-{arch}";
    }

    /// <summary>Tries each candidate; returns the first that loads and is new enough, or the error to throw.</summary>
    internal static (nint handle, string? from, Exception? error) Load(IEnumerable<string> candidates)
    {
        var tried = new List<string>();
        foreach (string candidate in candidates)
        {
            bool isPath = Path.IsPathRooted(candidate);
            if (isPath && !File.Exists(candidate)) { tried.Add(candidate); continue; }
            if (!NativeLibrary.TryLoad(candidate, out nint handle)) { tried.Add(candidate); continue; }
            var versionError = CheckVersion(handle, candidate);
            if (versionError != null) return (0, null, versionError);
            return (handle, candidate, null);
        }
        return (0, null, new DllNotFoundException(
            $"NodeNet could not load libuv (tried {string.Join(", ", tried.Distinct())}). " + InstallHint()));
    }

    /// <summary>Null when the library's uv_version() is at least 1.44, else the exception to throw.</summary>
    internal static Exception? CheckVersion(nint library, string from)
    {
        if (!NativeLibrary.TryGetExport(library, "uv_version", out nint fn))
            return new DllNotFoundException($"NodeNet loaded {from} but it exports no uv_version: it is not libuv. " + InstallHint());
        uint v = ((delegate* unmanaged[Cdecl]<uint>)fn)();
        if (v >= MinimumVersion) return null;
        return new DllNotFoundException(
            $"NodeNet needs libuv {MinimumVersionText} or newer, but {from} is libuv {v >> 16}.{(v >> 8) & 0xff}.{v & 0xff}. " + InstallHint());
    }

    private static string InstallHint() =>
        $"The NodeNet package carries libuv for {string.Join(", ", PackagedRids)} under runtimes/<rid>/native, and a build or " +
        $"publish for one of them puts it beside the app. This is {RuntimeInformation.RuntimeIdentifier}: " +
        (PackagedRids.Contains(RuntimeInformation.RuntimeIdentifier)
            ? "check that the app's runtimes folder (or, when published for a RID, the app folder) holds it, and that the system meets its needs (docs/native-library.md: glibc 2.34 or newer for linux-x64/arm64)"
            : OperatingSystem.IsMacOS()
                ? $"install libuv {MinimumVersionText} or newer (`brew install libuv`), or build it from source (docs/native-library.md) and place libuv.dylib beside the app"
                : $"install libuv {MinimumVersionText} or newer from your system's packages (`apt-get install libuv1` on Debian/Ubuntu), or build it from source (docs/native-library.md) and place it beside the app") + ".";

    /// <summary>The RIDs whose libuv the package carries (build.cake's PackageRids).</summary>
    internal static readonly string[] PackagedRids = ["linux-x64", "linux-arm64", "linux-musl-x64", "win-x64"];
}
