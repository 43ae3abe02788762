namespace Inburgering.Engine.Expressions;

/// <summary>
/// Upper bound of the thread stack Jint 2's recursive-descent parser needs for a source text, computed by a light
/// tokenizer that never recurses. Jint's parser has no depth limit: 4,000 nested parentheses overflow a 1.5 MB stack,
/// and a stack overflow kills the process, so sources that may need more than the caller can spare are parsed on a
/// thread with a larger stack instead.
/// </summary>
/// <remarks>
/// Measured on .NET 10 x64 with Jint 2.10.4: one bracket level costs at most ~1.6 KB of parser stack (a parenthesised
/// expression), and every other recursive construct (unary operator, assignment, conditional, label, statement keyword)
/// at most ~0.4 KB. The constants double that for margin. The tokenizer only has to agree with the parser on what is
/// code, string, comment or regular expression; where it cannot tell (a <c>/</c> right after <c>}</c>, or a character it
/// does not know) it returns null and the caller must assume the worst.
/// </remarks>
internal static class ParseStackEstimator
{
    public const long BytesPerBracketLevel = 3 * 1024;
    public const long BytesPerRecursiveToken = 800;
    public const long BaseBytes = 16 * 1024;

    /// <summary>Bytes per source character that always suffice (the worst construct is one parenthesis per character).</summary>
    public const long WorstBytesPerCharacter = BytesPerBracketLevel;

    private static readonly HashSet<string> RecursiveKeywords =
    [
        "typeof", "void", "delete", "new", "if", "else", "while", "for", "do", "with", "function", "return", "throw",
        "try", "catch", "finally", "switch", "case",
    ];

    private static readonly HashSet<string> RegexAllowedAfter =
    [
        "typeof", "void", "delete", "new", "in", "instanceof", "return", "throw", "case", "do", "else", "if", "while",
        "for", "with", "function", "var", "try", "catch", "finally", "switch", "break", "continue", "debugger", "default",
    ];

    private static readonly HashSet<string> ControlKeywords = ["if", "while", "for", "with"];

    private enum Previous
    {
        Start,
        Operand,
        Punctuator,
        Dot,
        RegexKeyword,
        CloseParen,
        CloseControlParen,
        CloseBracket,
        CloseBrace,
    }

    /// <summary>The bound in bytes, or null when the text cannot be tokenized with certainty.</summary>
    public static long? Estimate(string source)
    {
        var brackets = new Stack<bool>(); // per open bracket: is it the '(' of if/while/for/with?
        var maxDepth = 0;
        long recursive = 0;
        var previous = Previous.Start;
        var newlineBefore = false;
        var controlKeywordPending = false;
        var i = 0;
        var n = source.Length;

        long Result() => BaseBytes + (maxDepth * BytesPerBracketLevel) + (recursive * BytesPerRecursiveToken);

        while (i < n)
        {
            var c = source[i];
            if (IsLineTerminator(c))
            {
                newlineBefore = true;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                i++;
                continue;
            }

            var wasControlPending = controlKeywordPending;
            controlKeywordPending = false;
            var hadNewline = newlineBefore;
            newlineBefore = false;

            if (c == '/' && i + 1 < n && source[i + 1] == '/')
            {
                while (i < n && !IsLineTerminator(source[i]))
                {
                    i++;
                }

                controlKeywordPending = wasControlPending;
                continue;
            }

            if (c == '/' && i + 1 < n && source[i + 1] == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return Result(); // the parser stops at an unterminated comment
                }

                newlineBefore = hadNewline || source.AsSpan(i, end - i).IndexOfAny('\n', '\r') >= 0;
                controlKeywordPending = wasControlPending;
                i = end + 2;
                continue;
            }

            if (c == '/')
            {
                bool regex;
                switch (previous)
                {
                    case Previous.Start or Previous.Punctuator or Previous.RegexKeyword or Previous.CloseControlParen:
                        regex = true;
                        break;
                    case Previous.Operand or Previous.CloseParen or Previous.CloseBracket:
                        regex = false;
                        break;
                    default:
                        return null; // after '}' (block or object literal?) or '.': cannot tell
                }

                if (regex)
                {
                    i = SkipRegex(source, i);
                    if (i < 0)
                    {
                        return Result(); // unterminated: the parser stops here
                    }

                    previous = Previous.Operand;
                }
                else
                {
                    i++;
                    if (i < n && source[i] == '=')
                    {
                        recursive++;
                        i++;
                    }

                    previous = Previous.Punctuator;
                }

                continue;
            }

            if (c is '\'' or '"')
            {
                i = SkipString(source, i);
                if (i < 0)
                {
                    return Result(); // unterminated: the parser stops here
                }

                previous = Previous.Operand;
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < n && char.IsAsciiDigit(source[i + 1])))
            {
                var hex = c == '0' && i + 1 < n && source[i + 1] is 'x' or 'X';
                i++;
                while (i < n)
                {
                    var d = source[i];
                    if (char.IsAsciiLetterOrDigit(d) || d is '.' or '_' or '$')
                    {
                        i++;
                    }
                    else if (!hex && d is '+' or '-' && source[i - 1] is 'e' or 'E')
                    {
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                previous = Previous.Operand;
                continue;
            }

            if (IsIdentifierStart(c))
            {
                var start = i;
                i++;
                while (i < n && IsIdentifierPart(source[i]))
                {
                    i++;
                }

                var word = source[start..i];
                if (previous == Previous.Dot)
                {
                    previous = Previous.Operand; // a property name, even when it is spelled like a keyword
                    continue;
                }

                if (RecursiveKeywords.Contains(word))
                {
                    recursive++;
                }

                controlKeywordPending = ControlKeywords.Contains(word);
                previous = RegexAllowedAfter.Contains(word) ? Previous.RegexKeyword : Previous.Operand;
                continue;
            }

            i++;
            switch (c)
            {
                case '(':
                    brackets.Push(wasControlPending);
                    maxDepth = Math.Max(maxDepth, brackets.Count);
                    previous = Previous.Punctuator;
                    break;
                case '[' or '{':
                    brackets.Push(false);
                    maxDepth = Math.Max(maxDepth, brackets.Count);
                    previous = Previous.Punctuator;
                    break;
                case ')' or ']' or '}':
                    if (brackets.Count == 0)
                    {
                        return Result(); // unbalanced: the parser stops here
                    }

                    var control = brackets.Pop();
                    previous = c switch
                    {
                        ')' => control ? Previous.CloseControlParen : Previous.CloseParen,
                        ']' => Previous.CloseBracket,
                        _ => Previous.CloseBrace,
                    };
                    break;
                case '+' or '-':
                    if (i < n && source[i] == c)
                    {
                        i++;
                        var postfix = !hadNewline && previous is Previous.Operand or Previous.CloseParen or Previous.CloseBracket;
                        if (!postfix)
                        {
                            recursive++;
                        }

                        previous = postfix ? Previous.Operand : Previous.Punctuator;
                    }
                    else
                    {
                        recursive++;
                        previous = Previous.Punctuator;
                    }

                    break;
                case '!' or '~' or '?' or ':':
                    recursive++;
                    previous = Previous.Punctuator;
                    break;
                case '=':
                    recursive++;
                    while (i < n && source[i] == '=')
                    {
                        i++;
                    }

                    previous = Previous.Punctuator;
                    break;
                case '.':
                    previous = Previous.Dot;
                    break;
                case ',' or ';' or '<' or '>' or '&' or '|' or '^' or '%' or '*':
                    previous = Previous.Punctuator;
                    break;
                default:
                    return null; // a character this tokenizer does not know; the parser might still accept it
            }
        }

        return Result();
    }

    private static bool IsLineTerminator(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';

    private static bool IsIdentifierStart(char c) =>
        char.IsAsciiLetter(c) || c is '$' or '_' or '\\' || (c > 127 && char.IsLetter(c));

    private static bool IsIdentifierPart(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '$' or '_' or '\\' || (c > 127 && (char.IsLetterOrDigit(c) || c is '\u200C' or '\u200D'));

    /// <summary>Index after a string literal, or -1 when it is not terminated on its line.</summary>
    private static int SkipString(string source, int start)
    {
        var quote = source[start];
        var i = start + 1;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\\')
            {
                i += i + 2 < source.Length && source[i + 1] == '\r' && source[i + 2] == '\n' ? 3 : 2;
                continue;
            }

            if (c == quote)
            {
                return i + 1;
            }

            if (IsLineTerminator(c))
            {
                return -1;
            }

            i++;
        }

        return -1;
    }

    /// <summary>Index after a regular expression literal with its flags, or -1 when it is not terminated on its line.</summary>
    private static int SkipRegex(string source, int start)
    {
        var i = start + 1;
        var inClass = false;
        while (i < source.Length)
        {
            var c = source[i];
            if (IsLineTerminator(c))
            {
                return -1;
            }

            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                i++;
                while (i < source.Length && IsIdentifierPart(source[i]))
                {
                    i++;
                }

                return i;
            }

            i++;
        }

        return -1;
    }
}
