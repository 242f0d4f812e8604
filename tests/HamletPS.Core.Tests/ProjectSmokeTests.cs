using Xunit;

namespace HamletPS.Core.Tests
{
    public class ProjectSmokeTests
    {
        [Fact]
        public void TestAssemblyLoads() => Assert.NotNull(typeof(ProjectSmokeTests).Assembly);
    }
}
