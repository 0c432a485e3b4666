namespace Axle;

/// <summary>Numpy broadcasting: shapes align at the trailing end; a size-1 dimension stretches.</summary>
internal static class Broadcasting
{
    /// <summary>The broadcast shape of named operands; the error names the op and both offending operands.</summary>
    public static Shape Shapes(string op, params (string Name, Shape Shape)[] operands)
    {
        int rank = operands.Max(o => o.Shape.Rank);
        var dims = new Dim[rank];
        var owner = new string[rank];
        for (int i = 0; i < rank; i++) dims[i] = 1;
        foreach (var (name, shape) in operands)
        {
            for (int k = 0; k < shape.Rank; k++)
            {
                int i = rank - shape.Rank + k;
                Dim d = shape[k];
                if (d == dims[i] || (d.IsKnown && d.Value == 1)) continue;
                if (dims[i].IsKnown && dims[i].Value == 1)
                {
                    dims[i] = d;
                    owner[i] = name;
                    continue;
                }
                var other = operands.First(o => o.Name == owner[i]);
                throw Errors.Shapes(op, name, shape, other.Name, other.Shape, "cannot broadcast");
            }
        }
        return new Shape(dims);
    }

    /// <summary><paramref name="x"/> broadcast to <paramref name="shape"/> (squeeze stretched size-1 dims, then broadcast_in_dim).</summary>
    public static Tensor To(Tensor x, Shape shape, string op = "broadcast_to")
    {
        if (x.Shape == shape) return x;
        int lead = shape.Rank - x.Rank;
        if (lead < 0) throw Errors.Shapes(op, "x", x.Shape, "shape", shape, "cannot broadcast to a lower rank");
        var kept = new List<int>();
        var keptDims = new List<Dim>();
        for (int k = 0; k < x.Rank; k++)
        {
            // Dims, not ints: symbolic dimensions (Sym) pass through, and are never taken to be 1.
            Dim target = shape[lead + k];
            Dim d = x.Shape[k];
            if (d == target) { kept.Add(lead + k); keptDims.Add(d); }
            else if (!(d.IsKnown && d.Value == 1)) throw Errors.Shapes(op, "x", x.Shape, "shape", shape, "cannot broadcast");
        }
        if (keptDims.Count != x.Rank) x = Ops.ReshapeTo(x, new Shape(keptDims));
        return Prims.BroadcastInDim.Bind1([x], new BroadcastInDimParams(Sizes.Of(shape), kept.ToArray()));
    }
}
