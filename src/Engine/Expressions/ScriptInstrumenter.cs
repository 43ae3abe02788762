using Jint.Native;
using Jint.Parser.Ast;

namespace Inburgering.Engine.Expressions;

/// <summary>
/// Rewrites a parsed script so it checks its <see cref="EvaluationBudget"/> (time, memory, stack) while it runs:
/// <list type="bullet">
/// <item>every loop test calls <c>check()</c> first (<c>while (t)</c> becomes <c>while ((check(), t))</c>; a missing
/// <c>for</c> test becomes <c>check()</c>, which returns true), so every iteration is checked;</item>
/// <item>every function body starts with <c>check();</c>, so recursion is checked at each call (this counts as one
/// extra statement per call);</item>
/// <item>every <c>a + b</c> and <c>a += b</c> becomes <c>pass(a + b)</c>, so a single statement that concatenates a
/// string many times over is stopped after the concatenation that crosses the memory limit;</item>
/// <item>every regular-expression literal becomes a call that creates a RegExp with a match timeout.</item>
/// </list>
/// Other code cannot repeat: straight-line code is bounded by the source length, <c>for-in</c> by the keys that already
/// exist, and built-in and host functions check the budget themselves (<see cref="HostFunction"/>). Checking every
/// statement instead would cost ~230 ns each (a Jint call), about 1.25 times the work of a tight loop.
/// The callee of these calls is a literal holding the host function, so scripts cannot see, shadow or replace it.
/// The tree is rewritten in place; a parsed tree is never shared between evaluations (Jint 2 caches values in the tree).
/// </summary>
internal sealed class ScriptInstrumenter
{
    private readonly Literal _check;
    private readonly Literal _pass;
    private readonly Literal _regex;

    private ScriptInstrumenter(Sandbox sandbox)
    {
        _check = HostLiteral(sandbox.Function(0, (_, _) => JsValue.True));
        _pass = HostLiteral(sandbox.Function(1, (_, args) => args.Length > 0 ? args[0] : JsValue.Undefined));
        _regex = HostLiteral(sandbox.Function(1, (_, args) => sandbox.RegExpFromLiteral(args[0].AsString())));
    }

    /// <summary>Instruments <paramref name="program"/> for <paramref name="sandbox"/>. Call only on trees whose depth was checked.</summary>
    public static void Instrument(Program program, Sandbox sandbox) => new ScriptInstrumenter(sandbox).Statement(program);

    private static Literal HostLiteral(JsValue function) => new()
    {
        Type = SyntaxNodes.Literal,
        Cached = true,
        CachedValue = function,
    };

    private void Statement(Statement? statement)
    {
        switch (statement)
        {
            case null or EmptyStatement or BreakStatement or ContinueStatement or DebuggerStatement:
                return;
            case Program n:
                Statements(n.Body);
                return;
            case BlockStatement n:
                Statements(n.Body);
                return;
            case ExpressionStatement n:
                n.Expression = Expression(n.Expression);
                return;
            case VariableDeclaration n:
                foreach (var declarator in n.Declarations)
                {
                    if (declarator.Init is not null)
                    {
                        declarator.Init = Expression(declarator.Init);
                    }
                }

                return;
            case IfStatement n:
                n.Test = Expression(n.Test);
                Statement(n.Consequent);
                Statement(n.Alternate);
                return;
            case WhileStatement n:
                n.Test = Checked(Expression(n.Test));
                Statement(n.Body);
                return;
            case DoWhileStatement n:
                Statement(n.Body);
                n.Test = Checked(Expression(n.Test));
                return;
            case ForStatement n:
                if (n.Init is VariableDeclaration declaration)
                {
                    Statement(declaration);
                }
                else if (n.Init is Expression init)
                {
                    n.Init = Expression(init);
                }

                n.Test = n.Test is null ? CheckCall() : Checked(Expression(n.Test));
                if (n.Update is not null)
                {
                    n.Update = Expression(n.Update);
                }

                Statement(n.Body);
                return;
            case ForInStatement n:
                if (n.Left is VariableDeclaration left)
                {
                    Statement(left);
                }
                else if (n.Left is Expression target)
                {
                    n.Left = Expression(target);
                }

                n.Right = Checked(Expression(n.Right));
                Statement(n.Body);
                return;
            case ReturnStatement n:
                if (n.Argument is not null)
                {
                    n.Argument = Expression(n.Argument);
                }

                return;
            case ThrowStatement n:
                n.Argument = Expression(n.Argument);
                return;
            case SwitchStatement n:
                n.Discriminant = Expression(n.Discriminant);
                foreach (var switchCase in n.Cases)
                {
                    if (switchCase.Test is not null)
                    {
                        switchCase.Test = Expression(switchCase.Test);
                    }

                    Statements(switchCase.Consequent);
                }

                return;
            case TryStatement n:
                Statement(n.Block);
                foreach (var handler in (n.GuardedHandlers ?? []).Concat(n.Handlers ?? []))
                {
                    Statement(handler);
                }

                Statement(n.Finalizer);
                return;
            case CatchClause n:
                Statement(n.Body);
                return;
            case LabelledStatement n:
                Statement(n.Body);
                return;
            case WithStatement n:
                n.Object = Expression(n.Object);
                Statement(n.Body);
                return;
            case FunctionDeclaration n:
                FunctionBody(n.Body);
                return;
            default:
                throw new NotSupportedException($"Onbekend soort statement {statement.GetType().Name}.");
        }
    }

    private void FunctionBody(Statement body)
    {
        Statement(body);
        if (body is BlockStatement block)
        {
            block.Body = [new ExpressionStatement { Type = SyntaxNodes.ExpressionStatement, Expression = CheckCall() }, .. block.Body];
        }
    }

    private void Statements(IEnumerable<Statement> statements)
    {
        foreach (var statement in statements)
        {
            Statement(statement);
        }
    }

    private Expression Expression(Expression expression)
    {
        switch (expression)
        {
            case Literal literal when SyntaxTree.IsRegexLiteral(literal):
                return Call(_regex, new Literal { Type = SyntaxNodes.Literal, Value = literal.Raw, Raw = literal.Raw });
            case Literal or Identifier or ThisExpression:
                return expression;
            case ArrayExpression n:
                n.Elements = n.Elements.Select(e => e is null ? null! : Expression(e)).ToList();
                return n;
            case AssignmentExpression n:
                n.Left = Expression(n.Left);
                n.Right = Expression(n.Right);
                return n.Operator == AssignmentOperator.PlusAssign ? Call(_pass, n) : n;
            case BinaryExpression n:
                n.Left = Expression(n.Left);
                n.Right = Expression(n.Right);
                return n.Operator == BinaryOperator.Plus ? Call(_pass, n) : n;
            case LogicalExpression n:
                n.Left = Expression(n.Left);
                n.Right = Expression(n.Right);
                return n;
            case CallExpression n:
                n.Callee = Expression(n.Callee);
                n.Arguments = n.Arguments.Select(Expression).ToList();
                return n;
            case NewExpression n:
                n.Callee = Expression(n.Callee);
                n.Arguments = (n.Arguments ?? []).Select(Expression).ToList();
                return n;
            case ConditionalExpression n:
                n.Test = Expression(n.Test);
                n.Consequent = Expression(n.Consequent);
                n.Alternate = Expression(n.Alternate);
                return n;
            case MemberExpression n:
                n.Object = Expression(n.Object);
                if (n.Computed)
                {
                    n.Property = Expression(n.Property);
                }

                return n;
            case ObjectExpression n:
                foreach (var property in n.Properties)
                {
                    property.Value = Expression(property.Value);
                }

                return n;
            case SequenceExpression n:
                n.Expressions = n.Expressions.Select(Expression).ToList();
                return n;
            case UnaryExpression n: // also ++ and --
                n.Argument = Expression(n.Argument);
                return n;
            case FunctionExpression n:
                FunctionBody(n.Body);
                return n;
            default:
                throw new NotSupportedException($"Onbekend soort expressie {expression.GetType().Name}.");
        }
    }

    private SequenceExpression Checked(Expression expression) => new()
    {
        Type = SyntaxNodes.SequenceExpression,
        Expressions = [CheckCall(), expression],
    };

    private CallExpression CheckCall() => Call(_check);

    private static CallExpression Call(Literal callee, params Expression[] arguments) => new()
    {
        Type = SyntaxNodes.CallExpression,
        Callee = callee,
        Arguments = arguments.ToList(),
    };
}
