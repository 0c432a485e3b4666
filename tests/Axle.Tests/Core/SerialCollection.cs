namespace Axle.Tests.Core;

/// <summary>
/// Tests that read the process-wide compilation/trace counters run alone, so no other test
/// compiles between their two readings.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class SerialCollection
{
    public const string Name = "Axle counters";
}
