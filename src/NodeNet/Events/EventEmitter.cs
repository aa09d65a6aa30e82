using System.Diagnostics;

namespace NodeNet;

/// <summary>
/// Node's EventEmitter: named events, listeners called synchronously in the order added,
/// <c>once</c> wrappers, <c>newListener</c>/<c>removeListener</c> events, the max-listeners warning,
/// and <c>Emit("error")</c> with no listener throwing the error. Listeners are delegates; the typed
/// overloads (<c>On&lt;T&gt;</c>) receive the event's arguments without casts.
/// </summary>
/// <remarks>Not thread-safe: an emitter belongs to its loop's thread, like everything in Node.</remarks>
public partial class EventEmitter
{
    /// <summary>EventEmitter.defaultMaxListeners.</summary>
    public static int DefaultMaxListeners { get; set; } = 10;

    /// <summary>Process warnings (MaxListenersExceededWarning). With no subscriber they are written to stderr, as Node does.</summary>
    public static event Action<EmitterWarning>? Warning;

    // Copy-on-write once concurrent emits are enabled (EnableConcurrentEmit): then a published dictionary is never
    // changed, so another thread may read it without a lock, and writers take _gate.
    private Dictionary<string, Listener[]> _events = new(StringComparer.Ordinal);
    private object? _gate;
    private readonly List<string> _order = []; // event names in the order first added, as Node's eventNames()
    private HashSet<string>? _warned;
    private int? _maxListeners;

    /// <summary>Adds <paramref name="listener"/> at the end of the list for <paramref name="eventName"/> (emitter.on).</summary>
    public EventEmitter On(string eventName, Delegate listener) => Add(eventName, Listener.For(listener, false), prepend: false);
    /// <inheritdoc cref="On(string, Delegate)"/>
    public EventEmitter On(string eventName, Action listener) => Add(eventName, new Listener0(listener, false), prepend: false);
    /// <inheritdoc cref="On(string, Delegate)"/>
    public EventEmitter On<T>(string eventName, Action<T> listener) => Add(eventName, new Listener1<T>(listener, false), prepend: false);
    /// <inheritdoc cref="On(string, Delegate)"/>
    public EventEmitter On<T1, T2>(string eventName, Action<T1, T2> listener) => Add(eventName, new Listener2<T1, T2>(listener, false), prepend: false);
    /// <inheritdoc cref="On(string, Delegate)"/>
    public EventEmitter On<T1, T2, T3>(string eventName, Action<T1, T2, T3> listener) => Add(eventName, new Listener3<T1, T2, T3>(listener, false), prepend: false);
    /// <summary>Alias of <see cref="On(string, Delegate)"/> (emitter.addListener).</summary>
    public EventEmitter AddListener(string eventName, Delegate listener) => On(eventName, listener);

    /// <summary>Adds a listener that is removed before its first call (emitter.once).</summary>
    public EventEmitter Once(string eventName, Delegate listener) => Add(eventName, Listener.For(listener, true), prepend: false);
    /// <inheritdoc cref="Once(string, Delegate)"/>
    public EventEmitter Once(string eventName, Action listener) => Add(eventName, new Listener0(listener, true), prepend: false);
    /// <inheritdoc cref="Once(string, Delegate)"/>
    public EventEmitter Once<T>(string eventName, Action<T> listener) => Add(eventName, new Listener1<T>(listener, true), prepend: false);
    /// <inheritdoc cref="Once(string, Delegate)"/>
    public EventEmitter Once<T1, T2>(string eventName, Action<T1, T2> listener) => Add(eventName, new Listener2<T1, T2>(listener, true), prepend: false);

    /// <summary>Adds <paramref name="listener"/> at the start of the list (emitter.prependListener).</summary>
    public EventEmitter PrependListener(string eventName, Delegate listener) => Add(eventName, Listener.For(listener, false), prepend: true);
    /// <inheritdoc cref="PrependListener(string, Delegate)"/>
    public EventEmitter PrependListener(string eventName, Action listener) => Add(eventName, new Listener0(listener, false), prepend: true);
    /// <inheritdoc cref="PrependListener(string, Delegate)"/>
    public EventEmitter PrependListener<T>(string eventName, Action<T> listener) => Add(eventName, new Listener1<T>(listener, false), prepend: true);

    /// <summary>A once-listener added at the start of the list (emitter.prependOnceListener).</summary>
    public EventEmitter PrependOnceListener(string eventName, Delegate listener) => Add(eventName, Listener.For(listener, true), prepend: true);
    /// <inheritdoc cref="PrependOnceListener(string, Delegate)"/>
    public EventEmitter PrependOnceListener(string eventName, Action listener) => Add(eventName, new Listener0(listener, true), prepend: true);
    /// <inheritdoc cref="PrependOnceListener(string, Delegate)"/>
    public EventEmitter PrependOnceListener<T>(string eventName, Action<T> listener) => Add(eventName, new Listener1<T>(listener, true), prepend: true);

    /// <summary>Removes the most recently added instance of <paramref name="listener"/> (emitter.off / removeListener).</summary>
    public EventEmitter Off(string eventName, Delegate listener)
    {
        VerifyAccess();
        NodeErrors.ThrowIfNull(eventName);
        ValidateListener(listener);
        if (!_events.TryGetValue(eventName, out var list)) return this;
        for (int i = list.Length - 1; i >= 0; i--)
        {
            if (!list[i].Target.Equals(listener)) continue;
            Remove(eventName, list[i]);
            if (_events.ContainsKey("removeListener")) EmitEvent("removeListener", eventName, listener);
            OnListenerRemoved(eventName);
            break;
        }
        return this;
    }
    /// <inheritdoc cref="Off(string, Delegate)"/>
    public EventEmitter RemoveListener(string eventName, Delegate listener) => Off(eventName, listener);

    /// <summary>Removes every listener of <paramref name="eventName"/>, or of every event when null (emitter.removeAllListeners).</summary>
    public EventEmitter RemoveAllListeners(string? eventName = null)
    {
        VerifyAccess();
        bool notify = _events.ContainsKey("removeListener");
        if (eventName != null)
        {
            if (!_events.TryGetValue(eventName, out var list)) return this;
            RemoveEvent(eventName);
            if (notify)
                for (int i = list.Length - 1; i >= 0; i--) EmitEvent("removeListener", eventName, list[i].Target);
            OnListenerRemoved(eventName);
            return this;
        }
        if (!notify) { Change(static (events, order, _) => { events.Clear(); order.Clear(); }, 0); OnListenerRemoved(null); return this; }
        // As Node: every other event first (each LIFO), 'removeListener' itself last.
        foreach (string name in _order.Where(k => k != "removeListener").ToArray()) RemoveAllListeners(name);
        RemoveAllListeners("removeListener");
        return this;
    }

    /// <summary>Calls every listener of <paramref name="eventName"/> in order with <paramref name="args"/>; true if there were any.</summary>
    /// <exception cref="Exception">For "error" with no listener: the error itself, or ERR_UNHANDLED_ERROR when it is not an exception.</exception>
    /// <exception cref="NodeNetInvalidOperationException">ERR_INVALID_STATE for a built-in event of a Server or Socket ('connection',
    /// 'data', 'close'...): those are emitted by NodeNet alone, so a listener can trust what it receives.</exception>
    /// <exception cref="NodeNetArgumentException">ERR_INVALID_ARG_TYPE when <paramref name="args"/> cannot reach a typed listener.</exception>
    public bool Emit(string eventName, params ReadOnlySpan<object?> args)
    {
        VerifyAccess();
        NodeErrors.ThrowIfNull(eventName);
        if (BuiltInEvents?.Contains(eventName) == true)
            throw NodeErrors.InvalidState($"'{eventName}' is a built-in event of {GetType().Name}: NodeNet emits it itself. Emit is for your own events");
        return EmitEvent(eventName, args);
    }

    /// <summary>Emit without the built-in check: how NodeNet emits its own events.</summary>
    private protected bool EmitEvent(string eventName, params ReadOnlySpan<object?> args)
    {
        if (!_events.TryGetValue(eventName, out var list))
        {
            if (eventName == "error") ThrowUnhandled(args.Length > 0 ? args[0] : null, args.Length > 0);
            return false;
        }
        // The array is never mutated in place, so removals during this emit don't affect it (as Node's arrayClone).
        foreach (var listener in list)
        {
            if (listener.Once)
            {
                if (Interlocked.Exchange(ref listener.Fired, 1) != 0) continue;
                Off(eventName, listener.Target);
            }
            listener.Invoke(eventName, args);
        }
        return true;
    }

    /// <summary>This emitter's built-in events and their argument types (null: a plain emitter, every event is yours).</summary>
    private protected virtual EventSignatures? BuiltInEvents => null;

    /// <summary>'newListener' and 'removeListener', which every emitter emits itself with (event name, listener).</summary>
    private static readonly EventSignatures EmitterEvents = new(
        new("newListener", [typeof(string)], [typeof(Delegate)]), new("removeListener", [typeof(string)], [typeof(Delegate)]));

    /// <summary>The argument types an event that this emitter emits itself has, checked against a typed listener when it is
    /// added (it could never be called, and a cast failing inside NodeNet's own emit would end the loop); null for yours.</summary>
    private protected EventSignature? SignatureOf(string eventName) => BuiltInEvents?.Find(eventName) ?? EmitterEvents.Find(eventName);

    /// <summary>Lets <see cref="EmitFromAnyThread"/> run: listeners may then be called on other threads than the owner's.</summary>
    private protected void EnableConcurrentEmit() => _gate ??= new object(); // from a constructor: nobody else sees us yet

    /// <summary>Emit from a thread other than the owner's (a multi-loop server's 'connection' on the connection's loop):
    /// listeners run on the calling thread. Once-listeners fire once across all threads; their removal emits no
    /// 'removeListener'. Needs <see cref="EnableConcurrentEmit"/>.</summary>
    internal bool EmitFromAnyThread(string eventName, params ReadOnlySpan<object?> args)
    {
        if (_gate == null) throw new InvalidOperationException("concurrent emits are not enabled on this emitter");
        if (!Volatile.Read(ref _events).TryGetValue(eventName, out var list))
        {
            if (eventName == "error") ThrowUnhandled(args.Length > 0 ? args[0] : null, args.Length > 0);
            return false;
        }
        foreach (var listener in list)
        {
            if (listener.Once)
            {
                if (Interlocked.Exchange(ref listener.Fired, 1) != 0) continue;
                Remove(eventName, listener);
            }
            listener.Invoke(eventName, args);
        }
        return true;
    }

    /// <summary>Copies of the listeners of <paramref name="eventName"/>, once-wrappers unwrapped (emitter.listeners).</summary>
    public Delegate[] Listeners(string eventName)
    {
        VerifyAccess();
        return _events.TryGetValue(eventName, out var list) ? list.Select(l => l.Target).ToArray() : [];
    }

    /// <summary>Number of listeners of <paramref name="eventName"/>, or of that one listener when given.</summary>
    public int ListenerCount(string eventName, Delegate? listener = null)
    {
        VerifyAccess();
        return !_events.TryGetValue(eventName, out var list) ? 0
            : listener == null ? list.Length : list.Count(l => l.Target.Equals(listener));
    }

    /// <summary>Events that have listeners, in the order they were first added.</summary>
    public string[] EventNames()
    {
        VerifyAccess();
        if (_gate == null) return [.. _order];
        lock (_gate) return [.. _order];
    }

    /// <summary>emitter.setMaxListeners: 0 means unlimited.</summary>
    public EventEmitter SetMaxListeners(int n)
    {
        VerifyAccess();
        if (n < 0) throw NodeErrors.OutOfRange("n", ">= 0", (double)n);
        _maxListeners = n;
        return this;
    }

    /// <summary>emitter.getMaxListeners.</summary>
    public int GetMaxListeners()
    {
        VerifyAccess();
        return _maxListeners ?? DefaultMaxListeners;
    }

    /// <summary>True when at least one listener is registered for <paramref name="eventName"/>.</summary>
    protected internal bool HasListeners(string eventName) => _events.ContainsKey(eventName);

    /// <summary>A constructor's own listener (net.createServer's connectionListener): nobody else can see the object yet,
    /// so the thread rule does not apply.</summary>
    private protected void OnWhileConstructing<T>(string eventName, Action<T> listener) =>
        Add(eventName, new Listener1<T>(listener, false), prepend: false, verify: false);

    /// <summary>Adds a typed .NET event's handler as a listener of <paramref name="eventName"/> (null is ignored, as .NET
    /// events do). <paramref name="accepts"/>: the argument types the handler can take, checked as On&lt;T&gt;'s are.</summary>
    private protected void AddTyped(string eventName, Delegate? handler, Type[] accepts, EventAdapter adapter)
    {
        VerifyAccess();
        if (handler != null) Add(eventName, new AdaptedListener(handler, false, accepts, adapter), prepend: false);
    }

    /// <summary>Removes a typed .NET event's handler (null is ignored).</summary>
    private protected void RemoveTyped(string eventName, Delegate? handler)
    {
        VerifyAccess();
        if (handler != null) Off(eventName, handler);
    }

    private EventEmitter Add(string eventName, Listener entry, bool prepend, bool verify = true)
    {
        if (verify) VerifyAccess();
        NodeErrors.ThrowIfNull(eventName);
        if (entry.ParameterTypes is { } types)
        {
            if (SignatureOf(eventName)?.Mismatch(types) is { } mismatch)
                throw new NodeNetArgumentException("ERR_INVALID_ARG_TYPE",
                    $"The \"listener\" argument must be a function that can receive '{eventName}': {mismatch}", "listener");
            CheckListener(eventName, types);
        }
        if (_events.ContainsKey("newListener")) EmitEvent("newListener", eventName, entry.Target);
        Change(static (events, order, a) =>
        {
            if (!events.TryGetValue(a.eventName, out var list)) { events[a.eventName] = [a.entry]; order.Add(a.eventName); }
            else events[a.eventName] = a.prepend ? [a.entry, .. list] : [.. list, a.entry];
        }, (eventName, entry, prepend));
        CheckMax(eventName);
        OnListenerAdded(eventName);
        return this;
    }

    /// <summary>Called first by every member: a loop-affine emitter (Server, Socket) throws off its loop's thread, before
    /// anything is read or changed.</summary>
    private protected virtual void VerifyAccess() { }

    /// <summary>Called before a listener taking <paramref name="parameterTypes"/> is added: throws ArgumentException if this
    /// emitter, in its present state, could never call it (a socket with an encoding emits strings only).</summary>
    private protected virtual void CheckListener(string eventName, Type[] parameterTypes) { }

    /// <summary>Whether any listener of <paramref name="eventName"/> takes <paramref name="type"/> as its first argument or
    /// cannot take it.</summary>
    private protected bool AnyListenerRefuses(string eventName, Type type) =>
        _events.TryGetValue(eventName, out var list) &&
        list.Any(l => l.ParameterTypes is { Length: > 0 } p && !p[0].IsAssignableFrom(type));

    /// <summary>Called after a listener is added (Node's streams resume on a new 'data' listener).</summary>
    private protected virtual void OnListenerAdded(string eventName) { }

    /// <summary>Called after listeners of <paramref name="eventName"/> were removed (null: of every event), as Node's
    /// Readable overrides removeListener and removeAllListeners ('readable' going lets the stream flow again).</summary>
    private protected virtual void OnListenerRemoved(string? eventName) { }

    /// <summary>Removes that one registration (by identity: it may have moved since it was found).</summary>
    private void Remove(string eventName, Listener entry) => Change(static (events, order, a) =>
    {
        if (!events.TryGetValue(a.eventName, out var list)) return;
        int index = Array.IndexOf(list, a.entry);
        if (index < 0) return;
        if (list.Length == 1) { events.Remove(a.eventName); order.Remove(a.eventName); return; }
        var copy = new Listener[list.Length - 1];
        Array.Copy(list, 0, copy, 0, index);
        Array.Copy(list, index + 1, copy, index, list.Length - index - 1);
        events[a.eventName] = copy;
    }, (eventName, entry));

    private void RemoveEvent(string eventName) => Change(static (events, order, name) => { events.Remove(name); order.Remove(name); }, eventName);

    /// <summary>Applies a change to the listener table: in place, or (concurrent emits enabled) on a copy that is then published.</summary>
    private void Change<TState>(Action<Dictionary<string, Listener[]>, List<string>, TState> change, TState state)
    {
        if (_gate == null) { change(_events, _order, state); return; }
        lock (_gate)
        {
            var copy = new Dictionary<string, Listener[]>(_events, StringComparer.Ordinal);
            change(copy, _order, state);
            Volatile.Write(ref _events, copy);
        }
    }

    private void CheckMax(string eventName)
    {
        int max = _maxListeners ?? DefaultMaxListeners; // not GetMaxListeners: a constructor adds listeners off the loop
        int count = _events[eventName].Length;
        if (max <= 0 || count <= max || !(_warned ??= []).Add(eventName)) return;
        var warning = new EmitterWarning("MaxListenersExceededWarning",
            $"Possible EventEmitter memory leak detected. {count} {eventName} listeners added to [{GetType().Name}]. " +
            $"MaxListeners is {max}. Use emitter.setMaxListeners() to increase limit", this, eventName, count);
        var handler = Warning;
        if (handler != null) handler(warning);
        else Console.Error.WriteLine($"({Process.GetCurrentProcess().ProcessName}:{Environment.ProcessId}) {warning.Name}: {warning.Message}");
    }

    private static void ValidateListener(Delegate? listener)
    {
        if (listener is null) throw NodeErrors.InvalidArgType("listener", "of type function", null);
    }

    private static void ThrowUnhandled(object? error, bool given)
    {
        if (error is Exception e) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        string shown = !given ? "undefined" : NodeErrors.Inspect(error);
        throw new NodeNetInvalidOperationException("ERR_UNHANDLED_ERROR", $"Unhandled error. ({shown})");
    }
}

/// <summary>A process warning such as MaxListenersExceededWarning.</summary>
public sealed record EmitterWarning(string Name, string Message, EventEmitter Emitter, string Type, int Count);
