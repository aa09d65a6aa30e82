using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

/// <summary>Counts of a loop's live native objects.</summary>
/// <param name="Handles">Open libuv handles created by your objects (servers, sockets, timers).</param>
/// <param name="Requests">Writes, shutdowns, connects and lookups in flight.</param>
/// <param name="GCHandles">GCHandles pinning managed owners of native handles.</param>
public readonly record struct LoopDiagnostics(int Handles, int Requests, int GCHandles);
