using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace HamletPS
{
    /// <summary>
    /// Runs when the module is imported, before any cmdlet touches the engine. The cmdlet assembly sits alone in the module
    /// folder; the engine (HamletPS.Core, HamletPS.Dicom) and its dependencies live in Dependencies/. On PowerShell 7 they are
    /// loaded into a private AssemblyLoadContext (so another module's Azure.Core or YamlDotNet never clashes with ours); on
    /// Windows PowerShell 5.1, which has no load contexts, <see cref="Internal.DependencyResolver"/> (AppDomain.AssemblyResolve)
    /// finds them in the same folder for our own requests only, and <see cref="Internal.NetFrameworkNetworkDefaults"/> enables
    /// TLS 1.2 and lifts the per-host connection limit for the upload.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        internal static readonly string[] EngineAssemblies = { "HamletPS.Core", "HamletPS.Dicom" };

        private static readonly object Gate = new object();
        private static bool _registered;

        internal static string DependencyFolder { get; } =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

        public void OnImport()
        {
            lock (Gate)
            {
                if (_registered) return;
                _registered = true;
                if (IsCoreClr())
                {
                    RegisterPrivateLoadContext();
                }
                else
                {
                    AppDomain.CurrentDomain.AssemblyResolve += new Internal.DependencyResolver(DependencyFolder, EngineAssemblies).Resolve;
                    Internal.NetFrameworkNetworkDefaults.Apply();
                    Internal.NativeLibraryPreload.Apply(DependencyFolder);
                }
            }
        }

        private static bool IsCoreClr() => typeof(object).Assembly.GetName().Name == "System.Private.CoreLib";

        private static void RegisterPrivateLoadContext()
        {
            // Created by reflection: the load-context type needs .NET (Core) APIs that a netstandard2.0 assembly cannot name.
            Assembly loader = Assembly.LoadFrom(Path.Combine(DependencyFolder, "HamletPS.LoadContext.dll"));
            MethodInfo register = loader.GetType("HamletPS.LoadContext.DependencyLoadContext", throwOnError: true)
                .GetMethod("Register", BindingFlags.Public | BindingFlags.Static);
            register.Invoke(null, new object[] { DependencyFolder, EngineAssemblies });
        }
    }
}
