using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Core.Secrets;

namespace HamletPS.Core.Configuration
{
    /// <summary>Finds the config file: the explicit path, then $HAMLET_CONFIG, then config.yaml (or Config.yaml) in the current folder.</summary>
    public static class HamletConfigLocator
    {
        public static readonly IReadOnlyList<string> DefaultFileNames = new[] { "config.yaml", "Config.yaml", "config.yml", "Config.yml" };

        /// <summary>The config path to use, or throws <see cref="FileNotFoundException"/> listing the places tried.</summary>
        public static string Resolve(string explicitPath = null, string currentDirectory = null, Func<string, string> environment = null)
        {
            var found = TryResolve(explicitPath, currentDirectory, environment, out var tried);
            if (found != null) return found;
            throw new FileNotFoundException("No configuration file found (tried " + string.Join(", ", tried) + "). Pass -ConfigPath, set " +
                HamletSecrets.ConfigPathVariable + ", or create one with New-HamletConfig / 'hamlet config new'.");
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
