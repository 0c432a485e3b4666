namespace Axle;

/// <summary>Deconstruction of several results: <c>var (a, b) = f(x);</c> for 2 to 8 tensors.</summary>
public static class TensorArrayExtensions
{
    /// <summary>Deconstructs exactly two tensors.</summary>
    /// <exception cref="ArgumentException">The array does not hold exactly two tensors.</exception>
    public static void Deconstruct(this Tensor[] tensors, out Tensor t0, out Tensor t1)
    {
        Expect(tensors, 2);
        (t0, t1) = (tensors[0], tensors[1]);
    }

    /// <summary>Deconstructs exactly three tensors.</summary>
    /// <exception cref="ArgumentException">The array does not hold exactly three tensors.</exception>
    public static void Deconstruct(this Tensor[] tensors, out Tensor t0, out Tensor t1, out Tensor t2)
    {
        Expect(tensors, 3);
        (t0, t1, t2) = (tensors[0], tensors[1], tensors[2]);
    }

    /// <summary>Deconstructs exactly four tensors.</summary>
    /// <exception cref="ArgumentException">The array does not hold exactly four tensors.</exception>
    public static void Deconstruct(this Tensor[] tensors, out Tensor t0, out Tensor t1, out Tensor t2, out Tensor t3)
    {
        Expect(tensors, 4);
        (t0, t1, t2, t3) = (tensors[0], tensors[1], tensors[2], tensors[3]);
    }

    /// <summary>Deconstructs exactly five tensors.</summary>
    /// <exception cref="ArgumentException">The array does not hold exactly five tensors.</exception>
    public static void Deconstruct(this Tensor[] tensors, out Tensor t0, out Tensor t1, out Tensor t2, out Tensor t3, out Tensor t4)
    {
        Expect(tensors, 5);
        (t0, t1, t2, t3, t4) = (tensors[0], tensors[1], tensors[2], tensors[3], tensors[4]);
    }

    /// <summary>Deconstructs exactly six tensors.</summary>
    /// <exception cref="ArgumentException">The array does not hold exactly six tensors.</exception>
    public static void Deconstruct(this Tensor[] tensors, out Tensor t0, out Tensor t1, out Tensor t2, out Tensor t3, out Tensor t4, out Tensor t5)
    {
        Expect(tensors, 6);
        (t0, t1, t2, t3, t4, t5) = (tensors[0], tensors[1], tensors[2], tensors[3], tensors[4], tensors[5]);
    }

    /// <summary>Deconstructs exactly seven tensors.</summary>
    /// <exception cref="ArgumentException">The array does not hold exactly seven tensors.</exception>
    public static void Deconstruct(this Tensor[] tensors, out Tensor t0, out Tensor t1, out Tensor t2, out Tensor t3, out Tensor t4, out Tensor t5, out Tensor t6)
    {
        Expect(tensors, 7);
        (t0, t1, t2, t3, t4, t5, t6) = (tensors[0], tensors[1], tensors[2], tensors[3], tensors[4], tensors[5], tensors[6]);
    }

    /// <summary>Deconstructs exactly eight tensors.</summary>
    /// <exception cref="ArgumentException">The array does not hold exactly eight tensors.</exception>
    public static void Deconstruct(this Tensor[] tensors, out Tensor t0, out Tensor t1, out Tensor t2, out Tensor t3, out Tensor t4, out Tensor t5, out Tensor t6, out Tensor t7)
    {
        Expect(tensors, 8);
        (t0, t1, t2, t3, t4, t5, t6, t7) = (tensors[0], tensors[1], tensors[2], tensors[3], tensors[4], tensors[5], tensors[6], tensors[7]);
    }

    private static void Expect(Tensor[] tensors, int n)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length != n)
            throw new ArgumentException($"cannot deconstruct {tensors.Length} tensor(s) into {n} variables", nameof(tensors));
    }
}
