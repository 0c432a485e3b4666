namespace Axle.Bindings.Generator;

/// <summary>Command line: <c>Axle.Bindings.Generator [--check] &lt;header&gt; &lt;output.cs&gt;</c>.</summary>
public static class Program
{
    /// <summary>Writes the bindings, or with <c>--check</c> exits 1 when the file on disk would change.</summary>
    public static int Main(string[] args)
    {
        bool check = args.Contains("--check");
        string[] paths = args.Where(a => a != "--check").ToArray();
        if (paths.Length != 2)
        {
            Console.Error.WriteLine("usage: Axle.Bindings.Generator [--check] <header.h> <output.cs>");
            return 2;
        }
        string generated;
        try
        {
            generated = BindingGenerator.Generate(paths[0]);
        }
        catch (GeneratorException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
        string? existing = File.Exists(paths[1]) ? File.ReadAllText(paths[1]) : null;
        if (check)
        {
            if (existing == generated)
                return 0;
            Console.Error.WriteLine($"{paths[1]} is out of date with {paths[0]}: run ./build.sh bindings");
            return 1;
        }
        if (existing != generated)
            File.WriteAllText(paths[1], generated);
        Console.WriteLine($"wrote {paths[1]}");
        return 0;
    }
}
