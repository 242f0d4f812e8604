using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Core.Secrets;

namespace HamletPS.Core.Configuration
{
    /// <summary>
    /// Finds the config file: the explicit path, then $HAMLET_CONFIG, then config.yaml (or Config.yaml) in the current folder.
    /// The one rule every command follows: a file NAMED (the explicit path or $HAMLET_CONFIG) must exist; only the default
    /// search in the current folder may find nothing (<see cref="ResolveOptional"/>).
    /// </summary>
    public static class HamletConfigLocator
    {
        public static readonly IReadOnlyList<string> DefaultFileNames = new[] { "config.yaml", "Config.yaml", "config.yml", "Config.yml" };

        /// <summary>The config path to use, or throws a <see cref="HamletException"/> (<see cref="ErrorIds.ConfigNotFound"/>) listing the places tried.</summary>
        public static string Resolve(string explicitPath = null, string currentDirectory = null, Func<string, string> environment = null)
        {
            var found = TryResolve(explicitPath, currentDirectory, environment, out var tried);
            if (found != null) return found;
            throw new HamletException(ErrorIds.ConfigNotFound, "No configuration file found (tried " + string.Join(", ", tried) + ").", null,
                "Pass {ConfigPath}, set " + HamletSecrets.ConfigPathVariable + ", or create one with New-HamletConfig / 'hamlet config new'.");
        }

        /// <summary>
        /// The config path to use, or null when none was named (neither <paramref name="explicitPath"/> nor $HAMLET_CONFIG) and
        /// none lies in the current folder. A named file that does not exist throws <see cref="FileNotFoundException"/> listing
        /// the places tried: it is never silently replaced by running without a configuration.
        /// </summary>
        public static string ResolveOptional(string explicitPath = null, string currentDirectory = null, Func<string, string> environment = null)
        {
            string found = TryResolve(explicitPath, currentDirectory, environment, out _);
            if (found != null || !IsNamed(explicitPath, environment)) return found;
            return Resolve(explicitPath, currentDirectory, environment); // throws, listing what was tried
        }

        /// <summary>True when a configuration file was named: an explicit path, or $HAMLET_CONFIG set.</summary>
        public static bool IsNamed(string explicitPath, Func<string, string> environment = null)
        {
            environment = environment ?? Environment.GetEnvironmentVariable;
            return !string.IsNullOrWhiteSpace(explicitPath) || !string.IsNullOrWhiteSpace(environment(HamletSecrets.ConfigPathVariable));
        }

        public static string TryResolve(string explicitPath, string currentDirectory, Func<string, string> environment, out IReadOnlyList<string> tried)
        {
            environment = environment ?? Environment.GetEnvironmentVariable;
            currentDirectory = currentDirectory ?? Directory.GetCurrentDirectory();
            var list = new List<string>();
            tried = list;
            if (!string.IsNullOrWhiteSpace(explicitPath))
            {
                var full = Path.GetFullPath(Path.Combine(currentDirectory, explicitPath));
                list.Add(full);
                return File.Exists(full) ? full : null; // an explicit path that does not exist is not silently replaced
            }
            var env = environment(HamletSecrets.ConfigPathVariable);
            if (!string.IsNullOrWhiteSpace(env))
            {
                var full = Path.GetFullPath(Path.Combine(currentDirectory, env.Trim()));
                list.Add(full + " ($" + HamletSecrets.ConfigPathVariable + ")");
                return File.Exists(full) ? full : null;
            }
            foreach (var name in DefaultFileNames)
            {
                var candidate = Path.Combine(currentDirectory, name);
                list.Add(candidate);
                if (File.Exists(candidate)) return Path.GetFullPath(candidate);
            }
            return null;
        }
    }
}
