using System;
using System.IO;
using HamletPS.Core.Secrets;

namespace HamletPS.Core.Configuration
{
    /// <summary>
    /// How the workflow commands (Invoke-DicomSort, New-HamletArchive, Clear-HamletFolder, Invoke-HamletPipeline and their verbs)
    /// find their config.yaml: -ConfigPath, else $HAMLET_CONFIG, else config.yaml in the current folder. Explicit parameters
    /// override what the file says, so a command whose parameters cover everything runs without a file.
    /// </summary>
    public static class WorkflowConfiguration
    {
        /// <summary>
        /// The loaded configuration, or null when no file was named (neither <paramref name="explicitPath"/> nor $HAMLET_CONFIG) and
        /// none lies in <paramref name="currentDirectory"/>. A named file that does not exist throws <see cref="FileNotFoundException"/>;
        /// a file that cannot be read throws <see cref="HamletConfigException"/> (file and line in each finding).
        /// </summary>
        public static HamletConfig LoadOrNull(string explicitPath, string currentDirectory, Func<string, string> environment = null)
        {
            environment = environment ?? Environment.GetEnvironmentVariable;
            string found = HamletConfigLocator.TryResolve(explicitPath, currentDirectory, environment, out _);
            if (found == null)
            {
                bool named = !string.IsNullOrWhiteSpace(explicitPath) || !string.IsNullOrWhiteSpace(environment(HamletSecrets.ConfigPathVariable));
                if (named) HamletConfigLocator.Resolve(explicitPath, currentDirectory, environment); // throws, listing what was tried
                return null;
            }
            return HamletConfigLoader.Load(found);
        }

        /// <summary>The value given explicitly, else the one from the file; throws <see cref="ArgumentException"/> naming the parameter
        /// and the config key when neither has it.</summary>
        public static string Require(string explicitValue, string fromConfig, string parameterName, string configKey)
        {
            if (!string.IsNullOrWhiteSpace(explicitValue)) return explicitValue;
            if (!string.IsNullOrWhiteSpace(fromConfig)) return fromConfig;
            throw new ArgumentException("No " + parameterName + " given and no configuration file sets " + configKey +
                " (pass -" + parameterName + " or -ConfigPath, or set $" + HamletSecrets.ConfigPathVariable + ").", parameterName);
        }

        /// <summary>Like <see cref="Require"/>, with a default when neither is set.</summary>
        public static string Choose(string explicitValue, string fromConfig, string fallback) =>
            !string.IsNullOrWhiteSpace(explicitValue) ? explicitValue : !string.IsNullOrWhiteSpace(fromConfig) ? fromConfig : fallback;
    
        /// <summary>A stable error id for a configuration failure thrown by <see cref="LoadOrNull"/> or <see cref="Require"/>
        /// (ConfigurationNotFound, InvalidConfiguration, ConfigurationMissing), or null for anything else. Lets the cmdlets
        /// classify without naming engine exception types.</summary>
        public static string ClassifyFailure(Exception exception)
        {
            switch (exception)
            {
                case FileNotFoundException _: return "ConfigurationNotFound";
                case HamletConfigException _: return "InvalidConfiguration";
                case ArgumentException _: return "ConfigurationMissing";
                default: return null;
            }
        }

        /// <summary>The quarantine folder to use: explicit, else the config's HAMLET.QUARANTINE, else "quarantine" beside the
        /// sorted folder.</summary>
        public static string QuarantineFolder(string explicitValue, HamletConfig config, string sortedFolder) =>
            Choose(explicitValue, config?.Hamlet.Quarantine,
                Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sortedFolder).TrimEnd(Path.DirectorySeparatorChar)) ?? sortedFolder, "quarantine"));
    }
}
