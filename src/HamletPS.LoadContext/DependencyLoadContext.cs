using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace HamletPS.LoadContext
{
    /// <summary>
    /// A private load context for the module's engine (HamletPS.Core, HamletPS.Dicom) and everything they depend on.
    /// Assemblies are taken from the module's Dependencies folder first, so a different version of Azure.Core or YamlDotNet
    /// that another module (Az.Accounts, powershell-yaml) loaded into the default context never replaces ours, and ours never
    /// replaces theirs.
    /// </summary>
    public sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly object Gate = new object();
        private static DependencyLoadContext _instance;

        private readonly string _dependencyFolder;
        private readonly HashSet<string> _engineAssemblies;

        private DependencyLoadContext(string dependencyFolder, IEnumerable<string> engineAssemblies)
            : base("HamletPS", isCollectible: false)
        {
            _dependencyFolder = dependencyFolder;
            _engineAssemblies = new HashSet<string>(engineAssemblies, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Called once by the module initializer (through reflection): from now on the default context hands requests for the
        /// engine assemblies to this private context.
        /// </summary>
        public static void Register(string dependencyFolder, string[] engineAssemblies)
        {
            lock (Gate)
            {
                if (_instance != null) return;
                _instance = new DependencyLoadContext(dependencyFolder, engineAssemblies);
                Default.Resolving += _instance.ResolveEngineFromDefault;
            }
        }

        private Assembly ResolveEngineFromDefault(AssemblyLoadContext context, AssemblyName name)
        {
            // Only our own engine assemblies cross from the default context; their dependencies stay private.
            if (name.Name == null || !_engineAssemblies.Contains(name.Name)) return null;
            return LoadFromAssemblyName(name);
        }

        protected override Assembly Load(AssemblyName assemblyName)
        {
            string candidate = Path.Combine(_dependencyFolder, assemblyName.Name + ".dll");
            // Framework assemblies (System.Runtime, netstandard, ...) come from the shared framework: return null to fall back.
            return File.Exists(candidate) && !IsFrameworkAssembly(assemblyName) ? LoadFromAssemblyPath(candidate) : null;
        }

        /// <summary>
        /// Native libraries our dependencies import (e_sqlite3, the dose history's SQLite): from
        /// Dependencies/runtimes/&lt;rid&gt;/native/, laid out by the module's publish; anything else the default probing finds.
        /// </summary>
        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            string path = NativeLibraryPath(_dependencyFolder, unmanagedDllName);
            return path != null ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
        }

        /// <summary>The file of a native library in Dependencies/runtimes for this OS and processor, or null when there is none.</summary>
        internal static string NativeLibraryPath(string dependencyFolder, string name)
        {
            if (string.IsNullOrEmpty(name) || name.IndexOfAny(new[] { '/', '\\' }) >= 0) return null;
            string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            string prefix = "", extension;
            var systems = new List<string>();
            if (OperatingSystem.IsWindows()) { systems.Add("win"); extension = ".dll"; }
            else if (OperatingSystem.IsMacOS()) { systems.Add("osx"); prefix = "lib"; extension = ".dylib"; }
            else { systems.Add("linux"); systems.Add("linux-musl"); prefix = "lib"; extension = ".so"; }
            string file = (name.StartsWith(prefix, StringComparison.Ordinal) ? "" : prefix) + name + (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? "" : extension);
            foreach (string system in systems)
            {
                string candidate = Path.Combine(dependencyFolder, "runtimes", system + "-" + arch, "native", file);
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }

        private static readonly HashSet<string> PlatformAssemblies = ReadPlatformAssemblies();

        /// <summary>
        /// A facade that the running framework already provides (System.Memory, System.Buffers, System.Text.Json ...) must not
        /// be shadowed by the netstandard2.0 copy in Dependencies: the framework's own is newer and type-identical with the host.
        /// Decided from the host's trusted platform assembly list, without loading anything.
        /// </summary>
        private static bool IsFrameworkAssembly(AssemblyName name) => PlatformAssemblies.Contains(name.Name);

        private static HashSet<string> ReadPlatformAssemblies()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            {
                string frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
                foreach (string path in list.Split(Path.PathSeparator))
                {
                    if (path.StartsWith(frameworkDir, StringComparison.OrdinalIgnoreCase)) names.Add(Path.GetFileNameWithoutExtension(path));
                }
            }
            return names;
        }
    }
}
