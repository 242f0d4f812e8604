using Xunit;

namespace HamletPS.Cli.Tests
{
    public class ProjectSmokeTests
    {
        [Fact]
        public void TestAssemblyLoads() => Assert.NotNull(typeof(ProjectSmokeTests).Assembly);
    }
}
