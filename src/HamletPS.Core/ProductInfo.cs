#nullable enable
using System.Reflection;

namespace HamletPS.Core
{
    /// <summary>The product's name and version as recorded in manifests, journals and the DICOM De-identification Method.</summary>
    public static class ProductInfo
    {
        public const string Name = "HamletPS";

        public static string Version { get; } =
            typeof(ProductInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
            ?? typeof(ProductInfo).Assembly.GetName().Version.ToString();
    }
}
