using Jint.Parser.Ast;

namespace Inburgering.Engine.Expressions;

/// <summary>Walks Jint 2 syntax trees without recursion (a tree may be deeper than the stack allows).</summary>
internal static class SyntaxTree
{
    /// <summary>The number of nodes on the longest path from <paramref name="root"/> to a leaf.</summary>
    public static int Depth(SyntaxNode root)
    {
        var maxDepth = 0;
        var pending = new Stack<(SyntaxNode Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            maxDepth = Math.Max(maxDepth, depth);
            foreach (var child in Children(node))
            {
                pending.Push((child, depth + 1));
            }
        }

        return maxDepth;
    }

    /// <summary>All nodes of the tree (pre-order is not guaranteed).</summary>
    public static IEnumerable<SyntaxNode> Descendants(SyntaxNode root)
    {
        var pending = new Stack<SyntaxNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            foreach (var child in Children(node))
            {
                pending.Push(child);
            }
        }
    }

    public static bool IsRegexLiteral(SyntaxNode node) => node is Literal { Type: SyntaxNodes.RegularExpressionLiteral };

    /// <summary>The direct children of a node, skipping absent parts (an array hole, a missing else).</summary>
    public static IEnumerable<SyntaxNode> Children(SyntaxNode node)
    {
        IEnumerable<SyntaxNode?> children = node switch
        {
            Program n => n.Body,
            BlockStatement n => n.Body,
            ExpressionStatement n => [n.Expression],
            VariableDeclaration n => n.Declarations,
            VariableDeclarator n => [n.Id, n.Init],
            IfStatement n => [n.Test, n.Consequent, n.Alternate],
            WhileStatement n => [n.Test, n.Body],
            DoWhileStatement n => [n.Body, n.Test],
            ForStatement n => [n.Init, n.Test, n.Update, n.Body],
            ForInStatement n => [n.Left, n.Right, n.Body],
            ReturnStatement n => [n.Argument],
            ThrowStatement n => [n.Argument],
            SwitchStatement n => [n.Discriminant, .. n.Cases],
            SwitchCase n => [n.Test, .. n.Consequent],
            TryStatement n => [n.Block, .. n.GuardedHandlers ?? [], .. n.Handlers ?? [], n.Finalizer],
            CatchClause n => [n.Param, n.Body],
            LabelledStatement n => [n.Label, n.Body],
            WithStatement n => [n.Object, n.Body],
            FunctionDeclaration n => [n.Id, .. n.Parameters ?? [], n.Body],
            FunctionExpression n => [n.Id, .. n.Parameters ?? [], n.Body],
            ArrayExpression n => n.Elements ?? [],
            AssignmentExpression n => [n.Left, n.Right],
            BinaryExpression n => [n.Left, n.Right],
            LogicalExpression n => [n.Left, n.Right],
            CallExpression n => [n.Callee, .. n.Arguments],
            NewExpression n => [n.Callee, .. n.Arguments ?? []],
            ConditionalExpression n => [n.Test, n.Consequent, n.Alternate],
            MemberExpression n => [n.Object, n.Property],
            ObjectExpression n => n.Properties ?? [],
            Property n => [n.Key as SyntaxNode, n.Value],
            SequenceExpression n => n.Expressions,
            UnaryExpression n => [n.Argument], // also UpdateExpression
            Identifier or Literal or ThisExpression or EmptyStatement or BreakStatement or ContinueStatement or DebuggerStatement => [],
            _ => throw new NotSupportedException($"Onbekend syntaxelement {node.GetType().Name}."),
        };

        foreach (var child in children)
        {
            if (child is not null)
            {
                yield return child;
            }
        }
    }
}
