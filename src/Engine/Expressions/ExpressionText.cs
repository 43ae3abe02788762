namespace Inburgering.Engine.Expressions;

/// <summary>A piece of an expression text: literal text, or the JavaScript inside one <c>${...}</c>.</summary>
internal readonly record struct TextSegment(bool IsCode, string Text);

/// <summary>Splits texts like <c>Hallo ${naam}, uw termijn eindigt op ${termijn.einde(start)}</c> into segments.</summary>
internal static class ExpressionText
{
    public static bool ContainsExpression(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>
    /// Splits <paramref name="text"/> into literal and code segments. The code of a <c>${</c> ends at its matching
    /// <c>}</c>; braces inside string literals and comments do not count, so object literals and strings with braces work.
    /// Returns null and a Dutch <paramref name="error"/> when a <c>${</c> is not closed or empty.
    /// </summary>
    public static List<TextSegment>? Split(string text, out string? error)
    {
        var segments = new List<TextSegment>();
        var literalStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("${", i, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var close = FindClosingBrace(text, open + 2);
            if (close < 0)
            {
                error = $"'${{' op positie {open + 1} heeft geen bijbehorende '}}'.";
                return null;
            }

            var code = text[(open + 2)..close];
            if (code.Trim().Length == 0)
            {
                error = $"'${{}}' op positie {open + 1} bevat geen expressie.";
                return null;
            }

            if (open > literalStart)
            {
                segments.Add(new TextSegment(IsCode: false, text[literalStart..open]));
            }

            segments.Add(new TextSegment(IsCode: true, code));
            i = literalStart = close + 1;
        }

        if (literalStart < text.Length)
        {
            segments.Add(new TextSegment(IsCode: false, text[literalStart..]));
        }

        error = null;
        return segments;
    }

    /// <summary>Index of the <c>}</c> closing a block that starts at <paramref name="start"/>, or -1.</summary>
    private static int FindClosingBrace(string text, int start)
    {
        var depth = 1;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '\'' or '"':
                    i = SkipString(text, i);
                    if (i < 0)
                    {
                        return -1;
                    }

                    continue;
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    var lineEnd = text.IndexOfAny(['\n', '\r', '\u2028', '\u2029'], i);
                    if (lineEnd < 0)
                    {
                        return -1;
                    }

                    i = lineEnd;
                    continue;
                case '/' when i + 1 < text.Length && text[i + 1] == '*':
                    var commentEnd = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (commentEnd < 0)
                    {
                        return -1;
                    }

                    i = commentEnd + 2;
                    continue;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }

            i++;
        }

        return -1;
    }

    /// <summary>Index just after the string literal starting at <paramref name="start"/>, or -1 when it is not closed.</summary>
    private static int SkipString(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                return i + 1;
            }

            i++;
        }

        return -1;
    }
}
