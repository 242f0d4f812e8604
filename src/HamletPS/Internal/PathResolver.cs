using System.Collections.Generic;
using System.IO;
using System.Management.Automation;

namespace HamletPS.Internal
{
    /// <summary>
    /// Resolves -Path (wildcards) and -LiteralPath the PowerShell way into file-system paths; a path that matches nothing becomes
    /// a non-terminating error naming it, so the other inputs still run.
    /// </summary>
    internal static class PathResolver
    {
        public static List<string> Resolve(HamletCmdlet cmdlet, IEnumerable<string> paths, bool literal, System.Action<ErrorRecord> onError)
        {
            var result = new List<string>();
            if (paths == null) return result;
            foreach (string path in paths)
            {
                if (string.IsNullOrEmpty(path)) continue;
                try
                {
                    if (literal)
                    {
                        string resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                        if (!File.Exists(resolved) && !Directory.Exists(resolved)) throw new ItemNotFoundException("Cannot find path '" + path + "' because it does not exist.");
                        result.Add(resolved);
                    }
                    else
                    {
                        ProviderInfo provider;
                        foreach (string resolved in cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider))
                        {
                            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                            {
                                throw new PSArgumentException("'" + path + "' is not a file-system path (provider " + provider.Name + ").");
                            }
                            result.Add(resolved);
                        }
                    }
                }
                catch (ItemNotFoundException ex)
                {
                    onError(new ErrorRecord(ex, "PathNotFound", ErrorCategory.ObjectNotFound, path));
                }
                catch (PSArgumentException ex)
                {
                    onError(new ErrorRecord(ex, "NotFileSystemPath", ErrorCategory.InvalidArgument, path));
                }
            }
            return result;
        }
    }
}
