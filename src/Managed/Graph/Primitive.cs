using Axle.Lowering;

namespace Axle;

/// <summary>Shape/dtype rule: output avals from input avals; bad input → <see cref="ArgumentException"/>.</summary>
internal delegate Aval[] InferRule(Aval[] inputs, Params p);

/// <summary>Emits StableHLO for one equation; <see cref="LoweringContext.OutAvals"/> holds its result types.</summary>
internal delegate Value[] LoweringRule(LoweringContext ctx, Value[] inputs, Params p);

/// <summary>
/// Forward-mode rule: primal outputs and tangent outputs from primals and tangents (a null
/// tangent is a symbolic zero). Rules are written with public ops / <see cref="Primitive.Bind"/>.
/// </summary>
internal delegate (Tensor[] Primals, Tensor?[] Tangents) JvpRule(Tensor[] primals, Tensor?[] tangents, Params p);

/// <summary>
/// Transpose rule of a linear primitive: cotangents for the inputs from the output cotangents
/// (null = zero). <paramref name="inputs"/> holds the non-linear inputs; a null entry is a linear
/// input (JAX's undefined primal), whose aval is in <paramref name="avals"/>.
/// </summary>
internal delegate Tensor?[] TransposeRule(Tensor?[] cotangents, Tensor?[] inputs, Aval[] avals, Params p);

/// <summary>Batching rule: outputs and their batch axes from inputs and theirs (null = not batched).</summary>
internal delegate (Tensor[] Outputs, int?[] OutAxes) BatchRule(Tensor[] inputs, int?[] inAxes, Params p);

/// <summary>
/// Whether a primitive can appear linearly in a jvp (linear in at least one operand, like
/// <c>mul</c> in each factor), declared in its stanza: reverse mode transposes exactly the
/// linear primitives, so each of them needs a transpose rule (checked by a test).
/// </summary>
internal enum Linearity
{
    /// <summary>Not declared yet; every primitive of <c>Prims</c> declares one of the others.</summary>
    Undeclared,
    /// <summary>Linear in some operand: has a transpose rule.</summary>
    Linear,
    /// <summary>Never appears linearly: its jvp multiplies tangents by primal-only factors, or is zero.</summary>
    NonLinear,
}

/// <summary>
/// A primitive operation (JAX lax level): its name, shape/dtype rule and lowering, and slots for
/// the transform rules, which live in the same stanza as the primitive (see Primitives/).
/// A primitive knows nothing about tracing: <see cref="Bind"/> hands it to the current trace.
/// </summary>
internal sealed class Primitive
{
    private readonly InferRule _infer;

    public Primitive(string name, InferRule infer, LoweringRule lower)
    {
        Name = name;
        _infer = infer;
        Lowering = lower;
    }

    public string Name { get; }

    public LoweringRule Lowering { get; }

    public JvpRule? JvpRule { get; private set; }

    public TransposeRule? TransposeRule { get; private set; }

    public BatchRule? BatchRule { get; private set; }

    /// <summary>Declared by <see cref="Linear"/> or <see cref="NonLinear"/> in the primitive's stanza.</summary>
    public Linearity Linearity { get; private set; }

    /// <summary>The output avals; throws <see cref="ArgumentException"/> naming the op on bad input.</summary>
    public Aval[] Infer(Aval[] inputs, Params p) => _infer(inputs, p);

    /// <summary>Applies the primitive in the current context (eager, staged, or transformed).</summary>
    public Tensor[] Bind(Tensor[] inputs, Params? p = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(inputs[i], $"{Name} input {i}");
            inputs[i].ThrowIfDisposed();
        }
        p ??= Params.Empty;
        // Converting a host scalar (a C# literal) is host work in every context, as JAX converts
        // Python scalars before tracing: no equation, no program, and it stays a literal.
        if (this == Prims.ConvertElementType && inputs.Length == 1 && inputs[0].IsHostScalar)
            return [inputs[0].HostConvert(Infer([inputs[0].Aval], p)[0])];
        return Trace.Current.Process(this, inputs, p);
    }

    /// <summary>Single-output convenience.</summary>
    public Tensor Bind1(Tensor[] inputs, Params? p = null) => Bind(inputs, p)[0];

    public Primitive DefJvp(JvpRule rule)
    {
        JvpRule = rule;
        return this;
    }

    public Primitive DefTranspose(TransposeRule rule)
    {
        TransposeRule = rule;
        return this;
    }

    public Primitive DefBatch(BatchRule rule)
    {
        BatchRule = rule;
        return this;
    }

    // The overloads below build a rule from the primitive itself, so a rule that binds its own
    // primitive refers to it as a parameter rather than to the static field being initialized.

    /// <summary>Sets the jvp rule built by <paramref name="make"/> from this primitive.</summary>
    public Primitive DefJvp(Func<Primitive, JvpRule> make) => DefJvp(make(this));

    /// <summary>Sets the transpose rule built by <paramref name="make"/> from this primitive.</summary>
    public Primitive DefTranspose(Func<Primitive, TransposeRule> make) => DefTranspose(make(this));

    /// <summary>Sets the batching rule built by <paramref name="make"/> from this primitive.</summary>
    public Primitive DefBatch(Func<Primitive, BatchRule> make) => DefBatch(make(this));

    /// <summary>Declares the primitive linear in some operand (it must have a transpose rule).</summary>
    public Primitive Linear()
    {
        Linearity = Linearity.Linear;
        return this;
    }

    /// <summary>Declares that the primitive never appears linearly in a jvp (no transpose rule needed).</summary>
    public Primitive NonLinear()
    {
        Linearity = Linearity.NonLinear;
        return this;
    }

    public JvpRule RequireJvp() => JvpRule ?? throw Missing("jvp");

    public TransposeRule RequireTranspose() => TransposeRule ?? throw Missing("transpose");

    public BatchRule RequireBatch() => BatchRule ?? throw Missing("batch");

    private NotImplementedException Missing(string transform) =>
        new($"'{transform}' rule for primitive '{Name}' is not implemented");

    public override string ToString() => Name;
}
