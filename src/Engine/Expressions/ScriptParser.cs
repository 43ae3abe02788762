using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Jint.Parser;
using Jint.Parser.Ast;

namespace Inburgering.Engine.Expressions;

/// <summary>Parses script text with Jint 2's parser without risking a stack overflow.</summary>
internal static class ScriptParser
{
    /// <summary>
    /// Parser stack a caller may use on its own thread. <see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>
    /// guarantees at least 128 KB when it returns true; a quarter of that is kept as margin.
    /// </summary>
    public const long InlineStackBudget = 96 * 1024;

    /// <summary>
    /// Deepest syntax tree (before instrumentation) executed on the caller's thread. Executing one tree level costs at most
    /// ~1.2 KB of stack (measured; a call argument inside a call argument), instrumentation at most doubles the levels, and
    /// the budget check at every function entry and built-in call guarantees 128 KB; 32 levels stay below 96 KB. Deeper
    /// trees run on a thread with a larger stack.
    /// </summary>
    public const int InlineDepthLimit = 32;

    private const long MaxThreadStack = 256L * 1024 * 1024;

    /// <summary>
    /// Parses one piece of code. Code that starts with <c>{</c> is first tried as an expression, so <c>${ {a: 1} }</c>
    /// yields an object rather than a block with a label.
    /// </summary>
    /// <exception cref="ParserException">The code has a syntax error.</exception>
    public static Program Parse(string code)
    {
        if (code.TrimStart().StartsWith('{'))
        {
            try
            {
                var wrapped = new JavaScriptParser().Parse("(" + code + "\n)");
                if (wrapped.Body.Count == 1 && wrapped.Body.First() is ExpressionStatement)
                {
                    return wrapped;
                }
            }
            catch (ParserException)
            {
                // not an expression: parse it as statements below
            }
        }

        return new JavaScriptParser().Parse(code);
    }

    /// <summary>Whether parsing <paramref name="code"/> on the current thread might not fit in its remaining stack.</summary>
    public static bool NeedsLargeStack(string code)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return true;
        }

        var estimate = ParseStackEstimator.Estimate(code);
        return estimate is not { } bytes || bytes + ParseStackEstimator.BytesPerBracketLevel > InlineStackBudget;
    }

    /// <summary>A thread stack that fits parsing and executing <paramref name="characters"/> characters of code.</summary>
    public static long StackFor(int characters) =>
        Math.Clamp((characters * 2 * ParseStackEstimator.WorstBytesPerCharacter) + (1024 * 1024), 4L * 1024 * 1024, MaxThreadStack);

    /// <summary>A thread stack that fits executing a syntax tree <paramref name="depth"/> levels deep.</summary>
    public static long StackForDepth(int depth) =>
        Math.Clamp((depth * 4L * ParseStackEstimator.BytesPerBracketLevel) + (1024 * 1024), 4L * 1024 * 1024, MaxThreadStack);

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
}
