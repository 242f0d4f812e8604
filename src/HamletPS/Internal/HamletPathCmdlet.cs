using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using HamletPS.Core.Inspection;

namespace HamletPS.Internal
{
    /// <summary>
    /// A HamletPS cmdlet whose inputs are files or folders. Owns the two path parameters of docs/cmdlet-authoring.md:
    /// -Path (Position 0, pipeline by value and by property name, wildcards) in the parameter set "Path" and -LiteralPath
    /// (aliases PSPath, LP, FullName; by property name) in the set "LiteralPath", both mandatory; and resolves them the
    /// PowerShell way, a path that matches nothing being a non-terminating PathNotFound error.
    /// A cmdlet whose -Path or -LiteralPath differs (optional -Path, one more alias) overrides that property with its own
    /// attributes: PowerShell reads the parameter attributes of the most derived declaration only.
    /// </summary>
    public abstract class HamletPathCmdlet : HamletCmdlet
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";

        /// <summary>Files or folders; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public virtual string[] Path { get; set; }

        /// <summary>Files or folders taken literally (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP", "FullName")]
        [ValidateNotNullOrEmpty]
        public virtual string[] LiteralPath { get; set; }

        /// <summary>True when the inputs came through -LiteralPath.</summary>
        protected bool IsLiteralPath => ParameterSetName == LiteralPathSet;

        /// <summary>True when this record names any input (-Path may be optional in a derived cmdlet).</summary>
        protected bool HasInputPaths => (IsLiteralPath ? LiteralPath : Path) != null;

        /// <summary>
        /// The file-system paths of this record's -Path (wildcards expanded) or -LiteralPath; each path that matches nothing is
        /// written as a non-terminating error (PathNotFound, NotFileSystemPath) and the others are returned.
        /// </summary>
        protected List<string> ResolveInputPaths() => PathResolver.Resolve(this, IsLiteralPath ? LiteralPath : Path, IsLiteralPath, WriteError);

        /// <summary>
        /// The files of this record's inputs: a file is itself, a folder its files (recursively on request, matching the
        /// wildcard <paramref name="filter"/>), lazily and in order. A folder that is gone by the time it is listed is a
        /// non-terminating PathNotFound error; the other inputs go on. Call on the pipeline thread.
        /// </summary>
        protected IEnumerable<string> EnumerateInputFiles(bool recurse, string filter)
        {
            foreach (string root in ResolveInputPaths())
            {
                using (IEnumerator<string> files = DicomFileEnumerator.Enumerate(new[] { root }, recurse, filter).GetEnumerator())
                {
                    while (true)
                    {
                        try
                        {
                            if (!files.MoveNext()) break;
                        }
                        catch (IOException ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
                        {
                            WriteError(NewError(ex, "PathNotFound", ErrorCategory.ObjectNotFound, root));
                            break;
                        }
                        yield return files.Current;
                    }
                }
            }
        }

        /// <summary>
        /// Reads every file of this record's inputs with <paramref name="read"/> on every core, a window of files at a time (Core's
        /// <see cref="OrderedParallel"/>, as `hamlet inspect` and `hamlet dose`), and hands each result to <paramref name="write"/>
        /// on the pipeline thread in input order. A file that cannot be read is classified by Core (FileFailure) and written as a
        /// non-terminating error, unless <paramref name="quiet"/> takes it (returns true). Progress counts the files read.
        /// </summary>
        protected void ReadInputFiles<T>(bool recurse, string filter, string activity, string noun, Func<string, T> read, Action<T> write,
            Func<Core.FileFailure, bool> quiet = null)
        {
            var progress = new ProgressWriter(WriteProgress, 1, activity);
            int done = 0;
            foreach (var outcome in OrderedParallel.Map(EnumerateInputFiles(recurse, filter), read))
            {
                StopToken.ThrowIfCancellationRequested();
                progress.Report(done + " " + noun, -1, currentOperation: outcome.Item);
                if (outcome.Error == null)
                {
                    write(outcome.Result);
                    done++;
                    continue;
                }
                Core.FileFailure failure = Core.FileFailure.Classify(outcome.Item, outcome.Error);
                if (failure == null) ExceptionDispatchInfo.Capture(outcome.Error).Throw();
                if (quiet == null || !quiet(failure)) WriteError(NewError(failure));
            }
            progress.Complete();
        }
    }
}
