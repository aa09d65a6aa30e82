// libuv for every RID the package carries, built from one pinned source with native/CMakeLists.txt and a
// toolchain file per RID (native/toolchains/<rid>.cmake), cached by source hash under native/build/<rid>/.
// Loaded by build.cake; uses its Run/Must/Capture helpers and its `root`.
using System.Net.Http;
using System.Security.Cryptography;

// The libuv Node 24 and 26 bundle (1.52.1), as Debian's libuv1 source package 1.52.1-4: upstream's release plus
// Debian's patches, from the Debian archive (a package registry). LIBUV_MIRROR replaces the archive's address; LIBUV_SOURCE_DIR a whole tree.
const string PinnedLibuvVersion = "1.52.1-4";
readonly (string file, string sha256)[] LibuvSource =
[
    ("libuv1_1.52.1.orig.tar.gz", "b0d728e2f3cb0204ea09caa510cc9982c600ef6ca27612ee2f6298b8e19817d3"),
    ("libuv1_1.52.1-4.debian.tar.xz", "08ce05f0ec60638751fe922dbc189bc385769b1fceb4d2769e66daff0cd5f3a2"),
];
const string DebianPool = "http://deb.debian.org/debian/pool/main/libu/libuv1/";

readonly string[] PackageRids = ["linux-x64", "linux-arm64", "linux-musl-x64", "win-x64"];

// The file name the loader (src/NodeNet/Native/LibuvLoader.cs) looks for first on each platform.
string NativeFileName(string rid) => rid.StartsWith("win-") ? "uv.dll" : rid.StartsWith("osx-") ? "libuv.dylib" : "libuv.so.1";

// What each cross build needs, as Debian packages: the compiler it runs, and the packages that bring it.
(string compiler, string packages) Toolchain(string rid) => rid switch
{
    "linux-x64" => ("gcc", "gcc libc6-dev"),
    "linux-arm64" => ("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu"),
    "linux-musl-x64" => ("musl-gcc", "musl-tools linux-libc-dev"),
    "win-x64" => ("x86_64-w64-mingw32-gcc", "mingw-w64"),
    _ => throw new Exception($"NodeNet builds libuv for {string.Join(", ", PackageRids)}; {rid} is not among them (osx-* cannot be built here: see docs/native-library.md)."),
};

string StripTool(string rid) => rid switch
{
    "linux-arm64" => "aarch64-linux-gnu-strip",
    "win-x64" => "x86_64-w64-mingw32-strip",
    _ => "strip",
};

bool OnPath(string program) => Capture("sh", $"-c \"command -v {program}\"").Trim().Length > 0;

/// <summary>Installs Debian packages when they are missing and we may (root with apt), else says what to install.</summary>
void EnsurePackages(string packages, string why)
{
    bool isRoot = Capture("id", "-u").Trim() == "0";
    if (!isRoot || !System.IO.File.Exists("/usr/bin/apt-get"))
        throw new Exception($"{why} needs the Debian/Ubuntu packages: {packages} (apt-get install {packages}).");
    Information($"Installing {packages} with apt-get ({why})...");
    var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
    if (Run("apt-get", $"install -y -qq --no-install-recommends {packages}", quiet: true, env: env) != 0)
    {
        Must(Run("apt-get", "update -qq", quiet: true, env: env), "apt-get update");
        Must(Run("apt-get", $"install -y -qq --no-install-recommends {packages}", quiet: true, env: env), $"apt-get install {packages}");
    }
}

void EnsureTool(string program, string packages, string why)
{
    if (!OnPath(program)) EnsurePackages(packages, why);
}

string Sha256(string path)
{
    using var f = System.IO.File.OpenRead(path);
    return Convert.ToHexString(SHA256.HashData(f)).ToLowerInvariant();
}

/// <summary>The pinned source tree, downloaded, checked and patched once into native/build/src.</summary>
string PinnedLibuvSource()
{
    string given = EnvironmentVariable("LIBUV_SOURCE_DIR");
    if (!string.IsNullOrEmpty(given)) return given;
    string srcRoot = $"{root}/native/build/src";
    string tree = $"{srcRoot}/libuv-{PinnedLibuvVersion}";
    if (System.IO.File.Exists($"{tree}/.nodenet-patched")) return tree;
    System.IO.Directory.CreateDirectory(srcRoot);
    string mirror = EnvironmentVariable("LIBUV_MIRROR") is { Length: > 0 } m ? m.TrimEnd('/') + "/" : DebianPool;
    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
    foreach (var (file, sha) in LibuvSource)
    {
        string path = $"{srcRoot}/{file}";
        if (!System.IO.File.Exists(path) || Sha256(path) != sha)
        {
            Information($"Downloading {mirror}{file}");
            System.IO.File.WriteAllBytes(path, http.GetByteArrayAsync(mirror + file).GetAwaiter().GetResult());
        }
        string got = Sha256(path);
        if (got != sha) throw new Exception($"{file} has sha256 {got}, not the pinned {sha}");
    }
    EnsureTool("patch", "patch", "patching libuv's source");
    EnsureTool("xz", "xz-utils", "unpacking libuv's Debian patches");
    if (System.IO.Directory.Exists(tree)) System.IO.Directory.Delete(tree, true);
    string unpack = $"{srcRoot}/unpack";
    if (System.IO.Directory.Exists(unpack)) System.IO.Directory.Delete(unpack, true);
    System.IO.Directory.CreateDirectory(unpack);
    Must(Run("tar", $"xzf \"{srcRoot}/{LibuvSource[0].file}\" -C \"{unpack}\""), "unpacking libuv");
    System.IO.Directory.Move(System.IO.Directory.GetDirectories(unpack).Single(), tree);
    Must(Run("tar", $"xJf \"{srcRoot}/{LibuvSource[1].file}\" -C \"{tree}\""), "unpacking Debian's patches");
    foreach (string patch in System.IO.File.ReadAllLines($"{tree}/debian/patches/series").Where(l => l.Trim().Length > 0 && !l.StartsWith("#")))
        Must(Run("patch", $"-p1 -s --batch -i debian/patches/{patch.Trim()}", workingDirectory: tree), $"applying {patch}");
    System.IO.Directory.Delete(unpack, true);
    System.IO.File.WriteAllText($"{tree}/.nodenet-patched", PinnedLibuvVersion);
    return tree;
}

/// <summary>Hash of everything a RID's build depends on: the source, the CMake project and the toolchain file.</summary>
string NativeBuildKey(string rid, string source)
{
    var parts = new List<string> { rid };
    parts.AddRange(EnvironmentVariable("LIBUV_SOURCE_DIR") is { Length: > 0 }
        ? new[] { source, System.IO.File.ReadAllText($"{source}/include/uv/version.h") }
        : LibuvSource.Select(s => s.sha256));
    parts.Add(System.IO.File.ReadAllText($"{root}/native/CMakeLists.txt"));
    parts.Add(System.IO.File.ReadAllText($"{root}/native/abi/abi_probe.c"));
    parts.Add(System.IO.File.ReadAllText($"{root}/native/toolchains/{rid}.cmake"));
    return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", parts))))[..12].ToLowerInvariant();
}

/// <summary>Builds (or finds in the cache) libuv for <paramref name="rid"/> and stages it into runtimes/<rid>/native.
/// Returns the build folder, which also holds that RID's ABI probe.</summary>
string BuildNative(string rid)
{
    string source = PinnedLibuvSource();
    string key = NativeBuildKey(rid, source);
    string dir = $"{root}/native/build/{rid}/{key}";
    string built = $"{dir}/out/{NativeFileName(rid)}";
    if (!System.IO.File.Exists(built))
    {
        var (compiler, packages) = Toolchain(rid);
        EnsureTool("cmake", "cmake", "building libuv");
        EnsureTool(compiler, packages, $"building libuv for {rid}");
        Information($"Building libuv {PinnedLibuvVersion} for {rid} in {dir}");
        if (System.IO.Directory.Exists(dir)) System.IO.Directory.Delete(dir, true);
        Must(Run("cmake", $"-S native -B \"{dir}\" -DCMAKE_BUILD_TYPE=Release -DLIBUV_SOURCE_DIR=\"{source}\" " +
            $"-DCMAKE_TOOLCHAIN_FILE=\"{root}/native/toolchains/{rid}.cmake\"", quiet: true), $"cmake configure ({rid})");
        Must(Run("cmake", $"--build \"{dir}\" --parallel", quiet: true), $"cmake build ({rid})");
        string lib = rid.StartsWith("win-") ? $"{dir}/libuv/libuv.dll" : $"{dir}/libuv/libuv.so.1.0.0";
        System.IO.Directory.CreateDirectory($"{dir}/out");
        System.IO.File.Copy(lib, built + ".tmp", true);
        Must(Run(StripTool(rid), $"--strip-unneeded \"{built}.tmp\""), $"stripping libuv ({rid})");
        System.IO.File.Move(built + ".tmp", built, true); // last: its presence marks the cache entry complete
    }
    else Information($"libuv for {rid}: cached ({key})");
    string stage = $"{root}/runtimes/{rid}/native";
    System.IO.Directory.CreateDirectory(stage);
    foreach (string old in System.IO.Directory.GetFiles(stage)) System.IO.File.Delete(old);
    System.IO.File.Copy(built, $"{stage}/{NativeFileName(rid)}", true);
    MarkStaged($"{stage}/{NativeFileName(rid)}");
    return dir;
}

/// <summary>The RIDs to build: --rids=all, a comma list, or (default) this machine's RID.</summary>
IEnumerable<string> RequestedRids(string defaultRids) =>
    (Argument("rids", defaultRids) is var r && r == "all" ? PackageRids : r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

/// <summary>The libuv source's include folder, for compiling the ABI probe against the header the natives came from.</summary>
string PinnedLibuvInclude() => $"{PinnedLibuvSource()}/include";
