using Xunit;

namespace HamletPS.Dicom.Tests
{
    public class ProjectSmokeTests
    {
        [Fact]
        public void TestAssemblyLoads() => Assert.NotNull(typeof(ProjectSmokeTests).Assembly);
    }
}
