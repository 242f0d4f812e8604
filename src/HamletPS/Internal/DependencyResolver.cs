using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace HamletPS.Internal
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework, one AppDomain for every module): the <c>AppDomain.AssemblyResolve</c> handler
    /// that finds the engine and its dependencies in the module's <c>Dependencies/</c> folder. The event is raised for every
    /// failed load in the process, so it answers only what is ours to answer: a request for one of the engine assemblies
    /// (HamletPS.Core, HamletPS.Dicom), or a request made by an assembly of ours (the module, or one loaded from
    /// <c>Dependencies/</c>), and only with a file whose version is at least the one requested. Another module's request for
    /// YamlDotNet or Azure.Core is left to that module (and to .NET's own error). No PowerShell types here: the .NET Framework
    /// test harness under Mono (tests/NetFramework) drives this class directly.
    /// </summary>
    internal sealed class DependencyResolver
    {
        private readonly string _folder;
        private readonly HashSet<string> _engine;
        private readonly ConcurrentDictionary<Assembly, bool> _loaded = new ConcurrentDictionary<Assembly, bool>();

        public DependencyResolver(string folder, IEnumerable<string> engineAssemblies)
        {
            _folder = Path.GetFullPath(folder ?? throw new ArgumentNullException(nameof(folder)));
            _engine = new HashSet<string>(engineAssemblies ?? throw new ArgumentNullException(nameof(engineAssemblies)), StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The handler for <see cref="AppDomain.AssemblyResolve"/>: the assembly, or null (not ours, not found, too old).</summary>
        public Assembly Resolve(object sender, ResolveEventArgs args)
        {
            AssemblyName requested;
            try
            {
                requested = new AssemblyName(args.Name);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FileLoadException)
            {
                return null;
            }
            if (string.IsNullOrEmpty(requested.Name)) return null;
            if (!_engine.Contains(requested.Name) && !IsOurs(args.RequestingAssembly)) return null;
            string candidate = Path.Combine(_folder, requested.Name + ".dll");
            if (!File.Exists(candidate)) return null;
            if (requested.Version != null)
            {
                Version available;
                try
                {
                    available = AssemblyName.GetAssemblyName(candidate).Version;
                }
                catch (Exception ex) when (ex is BadImageFormatException || ex is IOException)
                {
                    return null;
                }
                if (available == null || available < requested.Version) return null;
            }
            Assembly loaded = Assembly.LoadFrom(candidate);
            _loaded[loaded] = true;
            return loaded;
        }

        /// <summary>True for the module's own assembly, assemblies this resolver loaded, and assemblies loaded from the folder.</summary>
        internal bool IsOurs(Assembly assembly)
        {
            if (assembly == null) return false;
            if (assembly == typeof(DependencyResolver).Assembly || _loaded.ContainsKey(assembly)) return true;
            string location;
            try
            {
                location = assembly.Location;
            }
            catch (NotSupportedException)
            {
                return false; // dynamic assemblies have no file
            }
            if (string.IsNullOrEmpty(location)) return false;
            string folder = Path.GetDirectoryName(Path.GetFullPath(location));
            // .NET Framework runs on Windows, whose file names ignore case; this handler is only installed there.
            return string.Equals(folder?.TrimEnd('\\', '/'), _folder.TrimEnd('\\', '/'), StringComparison.OrdinalIgnoreCase);
        }
    }
}
