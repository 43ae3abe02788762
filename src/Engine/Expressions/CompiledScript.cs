using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Acornima;
using Acornima.Ast;
using Jint;
using JsEngine = Jint.Engine;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// One piece of code, parsed once (<see cref="JsEngine.PrepareScript"/>, strict mode) and shared by every evaluation and
/// thread, with what the evaluator must know about it before running it.
/// </summary>
internal sealed class CompiledScript
{
    /// <summary>
    /// Deepest syntax tree executed on the caller's thread. Jint 4 limits nesting itself (256 levels) and its
    /// <c>StackOverflowGuard</c> checks the stack on every function entry, but a deep expression inside one function is
    /// evaluated recursively without a check; deeper trees run on a thread with a large stack.
    /// </summary>
    public const int InlineDepthLimit = 48;

    private const long MaxThreadStack = 256L * 1024 * 1024;

    /// <summary>
    /// Names that reach built-ins a script could turn against the host: coercion hooks a native method can re-enter
    /// without end (a stack overflow ends the process), methods whose one call can allocate far beyond the memory limit
    /// (Jint checks the limit between statements), reflection and binary buffers. A script that names none of them and
    /// uses no computed member or key cannot reach them.
    /// </summary>
    private static readonly HashSet<string> GuardedNames = new(StringComparer.Ordinal)
    {
        "toString", "valueOf", "toJSON", "toISOString", "toLocaleString", "name", "message", "source", "flags", "join",
        "replace", "replaceAll", "concat", "repeat", "padStart", "padEnd", "defineProperty", "defineProperties", "assign",
        "fromEntries", "create", "setPrototypeOf", "getPrototypeOf", "__proto__", "__defineGetter__", "__defineSetter__",
        "prototype", "constructor", "Reflect", "Proxy", "Symbol", "JSON", "groupBy", "getOwnPropertyDescriptor",
        "getOwnPropertyDescriptors", "bind", "call", "apply", "raw", "globalThis", "ArrayBuffer", "SharedArrayBuffer",
        "DataView", "Atomics", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
        "Uint32Array", "BigInt64Array", "BigUint64Array", "Float16Array", "Float32Array", "Float64Array", "WeakRef",
        "FinalizationRegistry", "ShadowRealm",
    };

    private CompiledScript(Prepared<Script> prepared, int depth, bool needsGuards, HashSet<string>? names)
    {
        Prepared = prepared;
        Depth = depth;
        NeedsGuards = needsGuards;
        Names = names;
    }

    public Prepared<Script> Prepared { get; }

    /// <summary>Depth of the syntax tree.</summary>
    public int Depth { get; }

    /// <summary>Whether the script may reach the built-ins <see cref="NativeGuards"/> protects.</summary>
    public bool NeedsGuards { get; }

    /// <summary>
    /// Every name the script writes as an identifier (variables, properties, functions; more than it reads as variables, never
    /// fewer), or null when it can reach the global object itself (<c>this</c>, <c>globalThis</c>) and so any variable by a
    /// computed name. A script can read a variable only by one of these names: the evaluator binds only those.
    /// </summary>
    public IReadOnlySet<string>? Names { get; }

    public Script Program => Prepared.Program!;

    /// <summary>
    /// Parses <paramref name="code"/> on a thread whose stack fits any source of that length: Acornima refuses input that
    /// does not fit its stack, but Jint's analysis of the parsed tree recurses without a check (a stack overflow ends the
    /// process), so parsing never happens on the caller's stack. Code that starts with <c>{</c> is first tried as an
    /// expression, so <c>${ {a: 1} }</c> gives an object rather than a block.
    /// </summary>
    /// <exception cref="ScriptPreparationException">The code has a syntax error (or nests too deep).</exception>
    public static CompiledScript Compile(string code) =>
        OnLargeStack(StackFor(code.Length), () =>
        {
            if (code.TrimStart().StartsWith('{'))
            {
                try
                {
                    var wrapped = JsEngine.PrepareScript("(" + code + "\n)", strict: true);
                    if (wrapped.Program!.Body is [ExpressionStatement])
                    {
                        return Analyse(wrapped);
                    }
                }
                catch (ScriptPreparationException)
                {
                    // not an expression: parse it as statements below
                }
            }

            return Analyse(JsEngine.PrepareScript(code, strict: true));
        });

    /// <summary>Runs <paramref name="work"/> on a new thread with a stack of <paramref name="stackBytes"/> and waits for it.</summary>
    public static T OnLargeStack<T>(long stackBytes, Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
#pragma warning disable CA1031 // Not swallowed: captured here and rethrown on the calling thread below.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                }
            },
            (int)Math.Min(stackBytes, MaxThreadStack))
        {
            IsBackground = true,
            Name = "Inburgering expression (large stack)",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>Whether running this script on the current thread could exhaust its stack.</summary>
    public bool NeedsLargeStack => Depth > InlineDepthLimit || !RuntimeHelpers.TryEnsureSufficientExecutionStack();

    /// <summary>A stack for executing a tree <paramref name="depth"/> levels deep (measured: at most ~2 KB per level).</summary>
    public static long StackForDepth(int depth) => Math.Clamp((depth * 8L * 1024) + (4L * 1024 * 1024), 4L * 1024 * 1024, MaxThreadStack);

    /// <summary>A stack for parsing <paramref name="characters"/> characters (worst case one nesting level per character).</summary>
    private static long StackFor(int characters) => Math.Clamp((characters * 6L * 1024) + (1024 * 1024), 4L * 1024 * 1024, MaxThreadStack);

    /// <summary>
    /// Depth, whether the script names a guarded built-in or uses a computed member or key, and the names it writes (one
    /// walk, no recursion).
    /// </summary>
    private static CompiledScript Analyse(Prepared<Script> prepared)
    {
        var maxDepth = 0;
        var needsGuards = false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var readsGlobalObject = false;
        var pending = new Stack<(Node Node, int Depth)>();
        pending.Push((prepared.Program!, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            maxDepth = Math.Max(maxDepth, depth);
            needsGuards = needsGuards || node switch
            {
                Identifier identifier => GuardedNames.Contains(identifier.Name),
                StringLiteral literal => GuardedNames.Contains(literal.Value),
                MemberExpression member => member.Computed,
                Property property => property.Computed,
                PropertyDefinition or MethodDefinition or ClassDeclaration or ClassExpression or TaggedTemplateExpression => true,
                _ => false,
            };
            if (node is Identifier named)
            {
                names.Add(named.Name);
                readsGlobalObject = readsGlobalObject || named.Name == "globalThis";
            }
            else if (node is ThisExpression)
            {
                readsGlobalObject = true;
            }

            foreach (var child in node.ChildNodes)
            {
                pending.Push((child, depth + 1));
            }
        }

        return new CompiledScript(prepared, maxDepth, needsGuards, readsGlobalObject ? null : names);
    }
}
