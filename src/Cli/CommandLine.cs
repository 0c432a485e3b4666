using System.Globalization;

namespace Axle.Cli;

/// <summary>
/// The arguments of one command: positionals and <c>--flag [value...]</c> options. Each command
/// declares its flags; anything else is a usage error (exit code 2) naming the flag.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _options = [];

    private CommandLine(string command) => Command = command;

    public string Command { get; }

    public List<string> Positionals { get; } = [];

    /// <summary>
    /// Splits <paramref name="args"/>; <paramref name="flags"/> are switches without a value,
    /// <paramref name="single"/> take one value, <paramref name="multi"/> take every value up to the next flag.
    /// </summary>
    public static CommandLine Parse(string command, IReadOnlyList<string> args, string[] flags, string[] single, string[] multi)
    {
        var cl = new CommandLine(command);
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a == "--")
            {
                cl.Positionals.Add(a);
                continue;
            }
            string name = a[2..];
            string? inline = null;
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0) (name, inline) = (name[..eq], name[(eq + 1)..]);
            var values = new List<string>();
            if (flags.Contains(name))
            {
                if (inline is not null) throw Usage(command, $"--{name} takes no value");
            }
            else if (single.Contains(name))
            {
                if (inline is not null) values.Add(inline);
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) values.Add(args[++i]);
                else throw Usage(command, $"--{name} needs a value");
            }
            else if (multi.Contains(name))
            {
                if (inline is not null) values.Add(inline);
                while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) values.Add(args[++i]);
                if (values.Count == 0) throw Usage(command, $"--{name} needs at least one value");
            }
            else
            {
                throw Usage(command, $"unknown flag --{name}");
            }
            if (cl._options.ContainsKey(name)) throw Usage(command, $"--{name} is given twice");
            cl._options[name] = values;
        }
        return cl;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.TryGetValue(name, out var v) ? v[0] : null;

    public IReadOnlyList<string> Values(string name) => _options.TryGetValue(name, out var v) ? v : [];

    public int Int(string name, int fallback, int min)
    {
        string? text = Value(name);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) || n < min)
            throw Usage(Command, $"--{name} needs an integer >= {min}; got '{text}'");
        return n;
    }

    /// <summary>Exactly one positional per name in <paramref name="names"/>, named in the message when missing.</summary>
    public void ExpectPositionals(params string[] names)
    {
        if (Positionals.Count < names.Length)
            throw Usage(Command, $"missing {names[Positionals.Count]}");
        if (Positionals.Count > names.Length)
            throw Usage(Command, $"unexpected argument '{Positionals[names.Length]}'");
    }

    public static CliException Usage(string command, string problem) =>
        new(ExitCode.Usage, $"axle {command}: {problem} (see `axle {command} --help`)");
}
