namespace Axle;

public static partial class Ops
{
    /// <summary>
    /// numpy <c>dot</c>: a scalar operand multiplies; a 1-D <paramref name="b"/> contracts with the
    /// last axis of <paramref name="a"/>; otherwise the last axis of <paramref name="a"/> contracts
    /// with the second-to-last of <paramref name="b"/>, giving <c>a.shape[:-1] + b.shape[:-2] + b.shape[-1:]</c>.
    /// </summary>
    public static Tensor Dot(Tensor a, Tensor b)
    {
        Check(a, b);
        if (a.Rank == 0 || b.Rank == 0) return Multiply(a, b);
        return Contract("dot", a, b, [a.Rank - 1], [Math.Max(0, b.Rank - 2)]);
    }

    /// <summary>numpy <c>vdot</c>: both operands flattened, then their inner product (a scalar); sizes must match.</summary>
    public static Tensor Vdot(Tensor a, Tensor b)
    {
        Check(a, b);
        if (a.Shape.ElementCount != b.Shape.ElementCount)
            throw Errors.Shapes("vdot", "b", b.Shape, "a", a.Shape, "operands must have the same number of elements");
        return Contract("vdot", Reshape(a, -1), Reshape(b, -1), [0], [0]);
    }

    /// <summary>numpy <c>inner</c>: contracts the last axes of both operands (a scalar operand multiplies).</summary>
    public static Tensor Inner(Tensor a, Tensor b)
    {
        Check(a, b);
        if (a.Rank == 0 || b.Rank == 0) return Multiply(a, b);
        return Contract("inner", a, b, [a.Rank - 1], [b.Rank - 1]);
    }

    /// <summary>numpy <c>outer</c>: both operands flattened; <c>result[i, j] = a[i] * b[j]</c>.</summary>
    public static Tensor Outer(Tensor a, Tensor b)
    {
        Check(a, b);
        return Multiply(Reshape(a, -1, 1), Reshape(b, 1, -1));
    }

    /// <summary>
    /// numpy <c>tensordot</c> with an integer <paramref name="axes"/>: the last <paramref name="axes"/>
    /// axes of <paramref name="a"/> contract with the first ones of <paramref name="b"/>; the result
    /// is <paramref name="a"/>'s free axes followed by <paramref name="b"/>'s.
    /// </summary>
    public static Tensor TensorDot(Tensor a, Tensor b, int axes = 2)
    {
        Check(a, b);
        if (axes < 0 || axes > a.Rank || axes > b.Rank)
            throw Errors.Arg("tensordot", "axes", $"axes = {axes} must lie in [0, min(rank a, rank b)] for shapes {a.Shape} and {b.Shape}");
        return Contract("tensordot", a, b, Enumerable.Range(a.Rank - axes, axes).ToArray(), Enumerable.Range(0, axes).ToArray());
    }

    /// <summary>
    /// numpy <c>tensordot</c> with explicit axis pairs: axis <c>axes.A[i]</c> of <paramref name="a"/>
    /// contracts with axis <c>axes.B[i]</c> of <paramref name="b"/> (negative axes count from the end).
    /// </summary>
    public static Tensor TensorDot(Tensor a, Tensor b, (int[] A, int[] B) axes)
    {
        Check(a, b);
        ArgumentNullException.ThrowIfNull(axes.A, nameof(axes));
        ArgumentNullException.ThrowIfNull(axes.B, nameof(axes));
        if (axes.A.Length != axes.B.Length)
            throw Errors.Arg("tensordot", "axes", $"axis lists differ in length ({axes.A.Length} for 'a', {axes.B.Length} for 'b')");
        int[] ac = axes.A.Select(x => Errors.NormalizeAxis("tensordot", x, a.Rank, "axes")).ToArray();
        int[] bc = axes.B.Select(x => Errors.NormalizeAxis("tensordot", x, b.Rank, "axes")).ToArray();
        if (ac.Distinct().Count() != ac.Length || bc.Distinct().Count() != bc.Length)
            throw Errors.Arg("tensordot", "axes", "an axis is repeated");
        return Contract("tensordot", a, b, ac, bc);
    }

    /// <summary>
    /// The diagonal of the matrices spanned by <paramref name="axis1"/> and <paramref name="axis2"/>
    /// (numpy <c>diagonal</c>): those axes are removed and the diagonal becomes the last axis.
    /// <paramref name="offset"/> &gt; 0 selects a diagonal above the main one, &lt; 0 below.
    /// </summary>
    public static Tensor Diagonal(Tensor x, int offset = 0, int axis1 = 0, int axis2 = 1)
    {
        Check(x);
        if (x.Rank < 2) throw Errors.Arg("diagonal", "x", $"'x' must have rank >= 2; got shape {x.Shape}");
        int a1 = Errors.NormalizeAxis("diagonal", axis1, x.Rank, "axis1");
        int a2 = Errors.NormalizeAxis("diagonal", axis2, x.Rank, "axis2");
        if (a1 == a2) throw Errors.Arg("diagonal", "axis2", $"axis1 and axis2 must differ; both are {a1}");
        var rest = Enumerable.Range(0, x.Rank).Where(i => i != a1 && i != a2).ToList();
        x = Transpose(x, [.. rest, a1, a2]);

        // Cut the block whose main diagonal is the wanted one, square it up, then read every
        // (L+1)-th element of its flattening: exact for every dtype, no arithmetic.
        int r = x.Shape[^2], c = x.Shape[^1];
        int r0 = offset < 0 ? (int)Math.Min(-(long)offset, r) : 0;
        int c0 = offset > 0 ? (int)Math.Min(offset, c) : 0;
        int len = Math.Max(0, Math.Min(r - r0, c - c0));
        if (len == 0) (r0, c0) = (0, 0); // Any empty block will do; keep its start inside the axes.
        var lead = x.Shape.Take(x.Rank - 2).Select(d => d.Value).ToArray();
        int[] start = [.. lead.Select(_ => 0), r0, c0];
        int[] limit = [.. lead, r0 + len, c0 + len];
        int[] ones = Enumerable.Repeat(1, x.Rank).ToArray();
        var block = Slice(x, start, limit, ones);
        var flat = Reshape(block, [.. lead, len * len]);
        return Slice(flat, [.. lead.Select(_ => 0), 0], [.. lead, len * len], [.. lead.Select(_ => 1), len + 1]);
    }

    /// <summary>Sum along a diagonal (numpy <c>trace</c>): <see cref="Diagonal"/> then a sum over it.</summary>
    public static Tensor Trace(Tensor x, int offset = 0, int axis1 = 0, int axis2 = 1)
    {
        Check(x);
        if (x.Rank < 2) throw Errors.Arg("trace", "x", $"'x' must have rank >= 2; got shape {x.Shape}");
        return Sum(Diagonal(x, offset, axis1, axis2), -1);
    }

    /// <summary>
    /// A dot_general with no batch axes after dtype promotion; names <paramref name="op"/> in errors.
    /// Bool operands contract in I32 and come back as "any product true", as numpy does.
    /// </summary>
    internal static Tensor Contract(string op, Tensor a, Tensor b, int[] aContract, int[] bContract,
        int[]? aBatch = null, int[]? bBatch = null, string aName = "a", string bName = "b")
    {
        aBatch ??= [];
        bBatch ??= [];
        for (int i = 0; i < aContract.Length; i++)
            if (a.Shape[aContract[i]] != b.Shape[bContract[i]])
                throw Errors.Shapes(op, bName, b.Shape, aName, a.Shape,
                    $"contracted axis {aContract[i]} of '{aName}' (size {a.Shape[aContract[i]]}) and axis {bContract[i]} of '{bName}' (size {b.Shape[bContract[i]]}) differ");
        for (int i = 0; i < aBatch.Length; i++)
            if (a.Shape[aBatch[i]] != b.Shape[bBatch[i]])
                throw Errors.Shapes(op, bName, b.Shape, aName, a.Shape,
                    $"batch axis {aBatch[i]} of '{aName}' and axis {bBatch[i]} of '{bName}' differ in size");
        var ab = TypePromotion.Promote(a, b);
        (a, b) = (ab[0], ab[1]);
        bool isBool = a.DType == DType.Bool;
        if (isBool)
        {
            a = ConvertElementType(a, DType.I32, a.IsWeak);
            b = ConvertElementType(b, DType.I32, b.IsWeak);
        }
        var r = Prims.DotGeneral.Bind1([a, b], new DotGeneralParams(aContract, bContract, aBatch, bBatch));
        return isBool ? ConvertElementType(r, DType.Bool, weak: false) : r;
    }
}
