namespace Axle;

/// <summary>
/// Builds the control-flow primitives from C# functions: traces each function at its operands'
/// avals, hoists the tensors it captured to explicit operands (so transforms differentiate and
/// batch through them) and checks that types agree, naming both sides.
/// </summary>
internal static class ControlFlow
{
    public static Tensor[] Switch(Tensor index, Func<Tensor[], Tensor[]>[] branches, Tensor[] operands, string[] names)
    {
        ArgumentNullException.ThrowIfNull(operands);
        Check(operands, "operands");
        var avals = operands.Select(o => o.Aval.Strong()).ToArray();
        var traced = branches.Select((b, k) =>
        {
            ArgumentNullException.ThrowIfNull(b, names[k]);
            return ControlFlowGraphs.TraceHoisted(a => b(a), avals);
        }).ToArray();
        var outs0 = traced[0].Graph.OutputAvals;
        for (int k = 1; k < traced.Length; k++)
        {
            var outs = traced[k].Graph.OutputAvals;
            bool same = outs.Length == outs0.Length && outs.Zip(outs0).All(z => z.First.DType == z.Second.DType && z.First.Shape == z.Second.Shape);
            if (!same)
                throw new ArgumentException($"Cond: the branches must return the same types; {names[0]} returns ({string.Join(", ", outs0.Select(a => a.Strong()))}) " +
                    $"but {names[k]} returns ({string.Join(", ", outs.Select(a => a.Strong()))}){Errors.CallSite()}", names[k].Split('[')[0]);
        }
        // Every branch takes every branch's captures (ignoring the others'), then the operands.
        var captured = traced.SelectMany(t => t.Captured).ToArray();
        var graphs = traced.Select((t, k) =>
        {
            int before = traced.Take(k).Sum(u => u.Captured.Length);
            var g = t.Graph;
            var inputs = new List<Var>();
            for (int j = 0; j < captured.Length; j++)
                inputs.Add(j >= before && j < before + t.Captured.Length ? g.Inputs[j - before] : new Var(captured[j].Aval));
            inputs.AddRange(g.Inputs.Skip(t.Captured.Length));
            return new Graph([.. inputs], [], [], [.. g.Equations], [.. g.Outputs]);
        }).ToArray();
        return Prims.Cond.Bind([index, .. captured, .. operands], new CondParams(graphs));
    }

    public static Tensor[] While(Func<Tensor[], Tensor> condFn, Func<Tensor[], Tensor[]> bodyFn, Tensor[] init)
    {
        ArgumentNullException.ThrowIfNull(condFn);
        ArgumentNullException.ThrowIfNull(bodyFn);
        Check(init, "initVal");
        var avals = init.Select(o => o.Aval.Strong()).ToArray();
        var (cond, cc) = ControlFlowGraphs.TraceHoisted(a => [condFn(a)], avals);
        var pred = cond.OutputAvals[0];
        if (pred.DType != DType.Bool || pred.Rank != 0)
            throw new ArgumentException($"WhileLoop: condFn must return a bool scalar; got {pred}{Errors.CallSite()}", nameof(condFn));
        var (body, bc) = ControlFlowGraphs.TraceHoisted(a => Conform(bodyFn(a), avals, "WhileLoop", "bodyFn", "bodyFn"), avals);
        return Prims.While.Bind([.. cc, .. bc, .. init],
            new WhileParams(cond, body, cc.Length, bc.Length));
    }

    public static (Tensor[] Carry, Tensor[] Ys) Scan(Func<Tensor[], Tensor[], (Tensor[] Carry, Tensor[] Ys)> f, Tensor[] init,
        Tensor[] xs, int? length, bool reverse)
    {
        ArgumentNullException.ThrowIfNull(f);
        Check(init, "init");
        Check(xs, "xs");
        foreach (var x in xs)
            if (x.Rank == 0) throw new ArgumentException($"Scan: every xs must have a leading axis to scan over; got a scalar{Errors.CallSite()}", nameof(xs));
        int n = length ?? (xs.Length > 0 ? xs[0].Shape[0]
            : throw new ArgumentException($"Scan: pass length when there are no xs{Errors.CallSite()}", nameof(length)));
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(length), $"Scan: length must be non-negative; got {n}");
        foreach (var x in xs)
            if (x.Shape[0] != n)
                throw new ArgumentException($"Scan: every xs must have leading size {n}; got shape {x.Shape}{Errors.CallSite()}", nameof(xs));
        var carryAvals = init.Select(o => o.Aval.Strong()).ToArray();
        var xAvals = xs.Select(x => new Aval(x.DType, new Shape(x.Shape.Skip(1)))).ToArray();
        int nk = init.Length;
        int ny = 0;
        var (body, consts) = ControlFlowGraphs.TraceHoisted(a =>
        {
            var (c, y) = f(a[..nk], a[nk..]);
            ArgumentNullException.ThrowIfNull(c, "carry");
            ArgumentNullException.ThrowIfNull(y, "ys");
            ny = y.Length;
            return [.. Conform(c, carryAvals, "Scan", "f's carry", "f"), .. y];
        }, [.. carryAvals, .. xAvals]);
        var outs = Prims.Scan.Bind([.. consts, .. init, .. xs], new ScanParams(body, consts.Length, nk, n, reverse));
        return (outs[..nk], outs[nk..(nk + ny)]);
    }

    /// <summary>The body's new carry, checked against the old one; weak literals take the carry's dtype.</summary>
    private static Tensor[] Conform(Tensor[] outs, Aval[] avals, string op, string what, string paramName)
    {
        ArgumentNullException.ThrowIfNull(outs, what);
        if (outs.Length != avals.Length)
            throw new ArgumentException($"{op}: {what} returns {outs.Length} value(s) but the carry has {avals.Length}{Errors.CallSite()}", paramName);
        var r = new Tensor[outs.Length];
        for (int i = 0; i < outs.Length; i++)
        {
            var o = outs[i];
            if (o.DType != avals[i].DType && o.IsWeak) o = Ops.ConvertElementType(o, avals[i].DType, weak: false);
            if (o.Shape != avals[i].Shape && o.Rank == 0) o = Ops.BroadcastTo(o, avals[i].Shape.ToArray());
            if (o.DType != avals[i].DType || o.Shape != avals[i].Shape)
                throw new ArgumentException($"{op}: {what} returns {o.Aval.Strong()} for carry {i}, which is {avals[i]}; the types must agree{Errors.CallSite()}", paramName);
            r[i] = o;
        }
        return r;
    }

    private static void Check(Tensor[] ts, string name)
    {
        ArgumentNullException.ThrowIfNull(ts, name);
        for (int i = 0; i < ts.Length; i++)
        {
            if (ts[i] is null) throw new ArgumentNullException(name, $"{name}[{i}] is null");
            ts[i].ThrowIfDisposed();
        }
    }
}
