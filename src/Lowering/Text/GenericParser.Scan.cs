using System.Text;

namespace Axle.Lowering.Text;

// Character-level reading: names, strings, brackets, trivia, positions for messages.
public sealed partial class GenericParser
{
    private string ValueName()
    {
        if (!TryChar('%')) throw Error("expected an SSA value (%name)");
        int start = _pos;
        while (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] is '_' or '$' or '.' or '-')) _pos++;
        if (_pos == start) throw Error("expected an SSA value name after '%'");
        if (Peek('#'))
        {
            _pos++;
            int digits = _pos;
            while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++;
            if (_pos == digits) throw Error("expected a result number after '#'");
        }
        return "%" + _s[start.._pos];
    }

    private string Identifier(string what)
    {
        int start = _pos;
        while (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] is '_' or '$' or '.')) _pos++;
        if (_pos == start) throw Error($"expected {what}");
        return _s[start.._pos];
    }

    private int Integer(string what)
    {
        int start = _pos;
        while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++;
        if (_pos == start || !int.TryParse(_s.AsSpan(start, _pos - start), out int n)) throw Error($"expected {what}");
        return n;
    }

    private string QuotedString()
    {
        ExpectChar('"');
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _s.Length) throw Error("a string is not closed");
            char c = _s[_pos++];
            if (c == '"') return sb.ToString();
            if (c == '\\' && _pos < _s.Length) { sb.Append(c); c = _s[_pos++]; }
            sb.Append(c);
        }
    }

    // Skips one bracketed group starting at the current character (<...>, {...}, (...), [...]).
    private void SkipBalanced()
    {
        SkipTrivia();
        int start = _pos, depth = 0;
        do
        {
            if (_pos >= _s.Length) { _pos = start; throw Error("a bracket is not closed"); }
            char c = _s[_pos];
            if (c == '"') { QuotedString(); continue; }
            if (c is '<' or '[' or '(' or '{') depth++;
            else if (c is ']' or ')' or '}' || (c == '>' && _pos > 0 && _s[_pos - 1] != '-')) depth--;
            _pos++;
        } while (depth > 0);
    }

    private void SkipTrivia()
    {
        while (_pos < _s.Length)
        {
            if (char.IsWhiteSpace(_s[_pos])) _pos++;
            else if (_s[_pos] == '/' && _pos + 1 < _s.Length && _s[_pos + 1] == '/')
                while (_pos < _s.Length && _s[_pos] != '\n') _pos++;
            else return;
        }
    }

    private char NextNonTrivia(int from)
    {
        while (from < _s.Length && char.IsWhiteSpace(_s[from])) from++;
        return from < _s.Length ? _s[from] : '\0';
    }

    private bool Peek(char c) => _pos < _s.Length && _s[_pos] == c;

    private bool TryChar(char c)
    {
        SkipTrivia();
        if (!Peek(c)) return false;
        _pos++;
        return true;
    }

    private bool TryText(string text)
    {
        SkipTrivia();
        if (string.CompareOrdinal(_s, _pos, text, 0, text.Length) != 0) return false;
        _pos += text.Length;
        return true;
    }

    private bool TryWord(string word)
    {
        SkipTrivia();
        int end = _pos + word.Length;
        if (string.CompareOrdinal(_s, _pos, word, 0, word.Length) != 0) return false;
        if (end < _s.Length && (char.IsAsciiLetterOrDigit(_s[end]) || _s[end] is '_' or '.')) return false;
        _pos = end;
        return true;
    }

    private void ExpectChar(char c)
    {
        if (!TryChar(c)) throw Error($"expected '{c}'");
    }

    private void ExpectText(string text)
    {
        if (!TryText(text)) throw Error($"expected '{text}'");
    }

    private void ExpectWord(string word)
    {
        if (!TryWord(word)) throw Error($"expected '{word}'");
    }

    private int LineAt(int pos)
    {
        int i = _lineStarts.BinarySearch(pos);
        return i >= 0 ? i + 1 : ~i;
    }

    private MlirParseException Error(string problem)
    {
        int pos = Math.Min(_pos, _s.Length);
        int line = LineAt(pos);
        string found = pos >= _s.Length ? "the end of the text" : $"'{_s[pos]}'";
        return new MlirParseException(line, pos - _lineStarts[line - 1] + 1, $"{problem}; found {found}");
    }

    private static MlirParseException ErrorAtLine(int line, string problem) => new(line, 1, problem);
}
