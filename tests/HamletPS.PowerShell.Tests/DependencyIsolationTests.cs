using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace HamletPS.PowerShell.Tests
{
    /// <summary>
    /// Another module (Az.Accounts, powershell-yaml) has loaded an older Azure.Core or YamlDotNet into the default load context
    /// first; importing HamletPS and using its engine must still work, with our versions in our private context, and the older
    /// assemblies must stay where they are ("Assembly with same name is already loaded" must never happen).
    /// </summary>
    [Collection("DependencyIsolation")]
    public class DependencyIsolationTests
    {
        private static string PackageRoot =>
            typeof(DependencyIsolationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value;

        internal static Assembly LoadOlderIntoDefaultContext(string package, string version, string file)
        {
            string folder = Path.Combine(PackageRoot, package, version, "lib");
            string path = new[] { "net6.0", "net8.0", "netstandard2.1", "netstandard2.0" }.Select(tfm => Path.Combine(folder, tfm, file)).First(File.Exists);
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }

        [Fact]
        public void OlderAzureCoreInTheDefaultContext_DoesNotStopTheEngineFromUsingItsOwn()
        {
            Assembly older = LoadOlderIntoDefaultContext("azure.core", "1.38.0", "Azure.Core.dll");
            using var session = new PowerShellSession();

            // Building an SDK client makes the engine load Azure.Core and Azure.Storage.Files.Shares. The engine's types are not
            // visible to PowerShell's type-name lookup (they live in the private context), so the test fetches them from there.
            var versions = session.Invoke(@"
$context = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object { $_.Name -eq 'HamletPS' }
$core = $context.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('HamletPS.Core'))
$connectionType = $core.GetType('HamletPS.Core.Upload.ShareConnection', $true)
$c = $connectionType::FromConnectionString('DefaultEndpointsProtocol=http;AccountName=isolation;AccountKey=' + [Convert]::ToBase64String([byte[]](1..32)) + ';FileEndpoint=http://127.0.0.1:9/isolation')
$client = $c.CreateServiceClient($null)
$azureCore = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($client.GetType().Assembly).Assemblies | Where-Object { $_.GetName().Name -eq 'Azure.Core' }
$azureCore.GetName().Version.ToString()
[System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($azureCore).Name");

            Assert.Empty(session.Errors);
            Assert.True(new Version(versions[0].ToString()) > older.GetName().Version, "the engine must use its own, newer Azure.Core");
            Assert.Equal("HamletPS", versions[1].ToString());
            Assert.Contains(AssemblyLoadContext.Default.Assemblies, a => a == older);
        }

        [Fact]
        public void OlderYamlDotNetInTheDefaultContext_DoesNotStopGetHamletConfig()
        {
            Assembly older = LoadOlderIntoDefaultContext("yamldotnet", "11.2.1", "YamlDotNet.dll");
            using var temp = new TempFolder("isolation", create: false);
            string folder = temp.Path;
            try
            {
                using var session = new PowerShellSession();
                var config = session.Invoke("New-HamletConfig -ConfigPath $args[0] -Site isolation | ForEach-Object { $_.App.Site }; " +
                                            "[System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object { $_.Name -eq 'HamletPS' } | " +
                                            "ForEach-Object { $_.Assemblies } | Where-Object { $_.GetName().Name -eq 'YamlDotNet' } | ForEach-Object { $_.GetName().Version.ToString() }",
                    Path.Combine(folder, "config.yaml"));

                Assert.Empty(session.Errors);
                Assert.Equal("isolation", config[0].ToString());
                Assert.True(new Version(config[1].ToString()) > older.GetName().Version, "the engine must read YAML with its own YamlDotNet");
                Assert.Contains(AssemblyLoadContext.Default.Assemblies, a => a == older);
            }
            finally
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, true);
            }
        }
    }
}
