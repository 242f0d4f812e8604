using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// Tests that measure this process's memory (managed allocations). xunit runs such a collection alone, after the parallel
    /// ones, so other tests' allocations do not count against them.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class MemoryMeasuredCollection
    {
        public const string Name = "Memory-measured";
    }
}
