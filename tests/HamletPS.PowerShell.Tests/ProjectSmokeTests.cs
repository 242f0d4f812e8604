using Xunit;

namespace HamletPS.PowerShell.Tests
{
    public class ProjectSmokeTests
    {
        [Fact]
        public void TestAssemblyLoads() => Assert.NotNull(typeof(ProjectSmokeTests).Assembly);
    }
}
