using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>
    /// Tests that measure this process's memory (allocations, peak resident set) or its thread count. xunit runs such a
    /// collection alone, after the parallel ones, so other tests' allocations and threads do not count against them.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class MemoryMeasuredCollection
    {
        public const string Name = "Memory-measured";
    }
}
