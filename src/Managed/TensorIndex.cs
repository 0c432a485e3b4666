namespace Axle;

/// <summary>
/// One entry of a tensor index: an integer position (<c>2</c>, <c>^1</c>), which removes the
/// axis, or a range (<c>..</c>, <c>1..3</c>, <c>^2..</c>), which keeps it. Converted implicitly,
/// so <c>t[0]</c>, <c>t[^1]</c> and <c>t[.., 1..3]</c> work.
/// </summary>
public readonly struct TensorIndex
{
    private TensorIndex(Index? index, Range? range)
    {
        Position = index;
        Range = range;
    }

    /// <summary>The position, for an integer entry.</summary>
    public Index? Position { get; }

    /// <summary>The range, for a range entry.</summary>
    public Range? Range { get; }

    /// <summary>A position; negative values count from the end, as in numpy.</summary>
    public static implicit operator TensorIndex(int i) => new(i < 0 ? Index.FromEnd(-i) : Index.FromStart(i), null);

    /// <summary>A position.</summary>
    public static implicit operator TensorIndex(Index i) => new(i, null);

    /// <summary>A range.</summary>
    public static implicit operator TensorIndex(Range r) => new(null, r);
}

public sealed partial class Tensor
{
    /// <summary>
    /// Basic indexing: one entry per leading axis (missing trailing axes are taken whole);
    /// integer entries remove their axis, ranges keep it.
    /// </summary>
    /// <exception cref="ArgumentException">Too many entries, or a position out of range.</exception>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public Tensor this[params TensorIndex[] index]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(index);
            if (index.Length > Rank)
                throw Errors.Arg("index", "index", $"{index.Length} indices for a tensor of rank {Rank} and shape {Shape}");
            int[] start = new int[Rank], limit = Shape.ToArray(), strides = Enumerable.Repeat(1, Rank).ToArray();
            var drop = new List<int>();
            for (int a = 0; a < index.Length; a++)
            {
                int n = Shape[a];
                if (index[a].Position is Index p)
                {
                    int i = p.GetOffset(n);
                    if (i < 0 || i >= n)
                        throw Errors.Arg("index", "index", $"index {(p.IsFromEnd ? "^" : "")}{p.Value} is out of range for axis {a} of size {n}");
                    (start[a], limit[a]) = (i, i + 1);
                    drop.Add(a);
                }
                else
                {
                    // Ranges clamp like numpy slices.
                    var r = index[a].Range!.Value;
                    int s = Math.Clamp(r.Start.IsFromEnd ? n - r.Start.Value : r.Start.Value, 0, n);
                    int e = Math.Clamp(r.End.IsFromEnd ? n - r.End.Value : r.End.Value, 0, n);
                    (start[a], limit[a]) = (s, Math.Max(s, e));
                }
            }
            var sliced = start.All(s => s == 0) && limit.SequenceEqual(Shape.ToArray()) ? this : Ops.Slice(this, start, limit, strides);
            return drop.Count == 0 ? sliced : Ops.Squeeze(sliced, [.. drop]);
        }
    }
}
