namespace Axle;

/// <summary>
/// JAX's type promotion lattice (standard mode) with weak types. Nodes are the dtypes plus two
/// weak nodes: <c>i*</c> (a weakly typed integer: a C# int/long literal) and <c>f*</c> (a weakly
/// typed float: a C# double/float literal). The result of promoting several values is the least
/// upper bound of their nodes; a weak node as the result means the result is weak, with the
/// default dtype of its kind (I32/F32) or a wider weak input's dtype.
/// <code>
/// b1 → i* → {u8, i8};  u8 → {u16, i16};  u16 → {u32, i32};  u32 → {u64, i64};
/// i8 → i16 → i32 → i64;  u64, i64 → f*;  f* → {bf16, f16} → f32 → f64
/// </code>
/// </summary>
internal static class TypePromotion
{
    private const int WeakInt = 13;
    private const int WeakFloat = 14;
    private const int Nodes = 15;

    private static readonly int[][] Edges = BuildEdges();
    private static readonly bool[,] Reach = BuildReach();

    /// <summary>The promoted dtype and weakness of <paramref name="avals"/>.</summary>
    public static (DType DType, bool Weak) Result(params Aval[] avals)
    {
        if (avals.Length == 0) throw new ArgumentException("nothing to promote", nameof(avals));
        int node = Node(avals[0]);
        for (int i = 1; i < avals.Length; i++) node = Join(node, Node(avals[i]));
        if (node < WeakInt) return ((DType)node, false);
        DType kindDefault = node == WeakInt ? DType.I32 : DType.F32;
        // A weak input wider than the default (a C# long literal, an F64 weak value) keeps its width.
        DType widest = kindDefault;
        foreach (var a in avals)
            if (a.Weak && Node(a) == node && a.DType.ByteSize() > widest.ByteSize()) widest = a.DType;
        return (widest, true);
    }

    /// <summary>The promoted dtype of two dtypes taken as strong.</summary>
    public static DType Result(DType a, DType b) => Result(new Aval(a, Shape.Scalar), new Aval(b, Shape.Scalar)).DType;

    /// <summary>Converts each of <paramref name="xs"/> to their common dtype (values already of it are returned as-is).</summary>
    public static Tensor[] Promote(params Tensor[] xs)
    {
        var (dtype, weak) = Result(xs.Select(x => x.Aval).ToArray());
        return xs.Select(x => x.DType == dtype ? x : Ops.ConvertElementType(x, dtype, weak)).ToArray();
    }

    private static int Node(Aval a) =>
        !a.Weak || a.DType == DType.Bool ? (int)a.DType : a.DType.IsFloat() ? WeakFloat : WeakInt;

    private static int Join(int a, int b)
    {
        if (a == b) return a;
        for (int c = 0; c < Nodes; c++)
        {
            if (!Reach[a, c] || !Reach[b, c]) continue;
            // c is the least common upper bound if every common upper bound is above it.
            bool least = true;
            for (int d = 0; d < Nodes && least; d++)
                if (Reach[a, d] && Reach[b, d] && !Reach[c, d]) least = false;
            if (least) return c;
        }
        throw new InvalidOperationException("the promotion lattice has no join (a bug)");
    }

    private static int[][] BuildEdges()
    {
        var e = new int[Nodes][];
        for (int i = 0; i < Nodes; i++) e[i] = [];
        void Add(int from, params DType[] to) => e[from] = [.. e[from], .. to.Select(t => (int)t)];
        e[(int)DType.Bool] = [WeakInt];
        Add((int)DType.U8, DType.U16, DType.I16);
        Add((int)DType.U16, DType.U32, DType.I32);
        Add((int)DType.U32, DType.U64, DType.I64);
        e[(int)DType.U64] = [WeakFloat];
        Add((int)DType.I8, DType.I16);
        Add((int)DType.I16, DType.I32);
        Add((int)DType.I32, DType.I64);
        e[(int)DType.I64] = [WeakFloat];
        Add(WeakInt, DType.U8, DType.I8);
        Add(WeakFloat, DType.BF16, DType.F16);
        Add((int)DType.BF16, DType.F32);
        Add((int)DType.F16, DType.F32);
        Add((int)DType.F32, DType.F64);
        return e;
    }

    private static bool[,] BuildReach()
    {
        var r = new bool[Nodes, Nodes];
        for (int s = 0; s < Nodes; s++)
        {
            var stack = new Stack<int>([s]);
            while (stack.Count > 0)
            {
                int n = stack.Pop();
                if (r[s, n]) continue;
                r[s, n] = true;
                foreach (int m in Edges[n]) stack.Push(m);
            }
        }
        return r;
    }
}
