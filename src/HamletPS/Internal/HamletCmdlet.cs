using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.Internal
{
    /// <summary>
    /// What every HamletPS cmdlet shares: a CancellationToken that StopProcessing (Ctrl-C) cancels, running long work off the
    /// pipeline thread with output marshalled back, and stable error records. Cmdlets stay thin: parameters in, a Core call,
    /// objects out.
    /// </summary>
    public abstract class HamletCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private PipelineDispatcher _dispatcher;

        /// <summary>Cancelled when the user presses Ctrl-C or the runspace is stopped (the engine's own Stopping is the same, as a flag).</summary>
        protected CancellationToken StopToken => _stop.Token;

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>The command's name (Verb-Noun), the source of information records.</summary>
        protected string CommandName => MyInvocation?.MyCommand?.Name ?? GetType().Name;

        /// <summary>
        /// Runs <paramref name="work"/> on a worker thread; calls to <see cref="Emit"/>, <see cref="EmitError"/>,
        /// <see cref="EmitProgress"/>, <see cref="EmitWarning"/>, <see cref="EmitVerbose"/> and <see cref="AskShouldProcess"/> made
        /// from it are carried out on the pipeline thread. A cancellation by StopProcessing ends quietly.
        /// </summary>
        protected void RunOffPipelineThread(Func<CancellationToken, Task> work)
        {
            _dispatcher = new PipelineDispatcher();
            try
            {
                _dispatcher.Run(() => work(_stop.Token));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Ctrl-C: the work stopped cleanly; PipelineStoppedException follows from the engine.
            }
            finally
            {
                _dispatcher = null;
            }
        }

        protected void Emit(object value) => OnPipelineThread(() => WriteObject(value));

        protected void EmitError(ErrorRecord record) => OnPipelineThread(() => WriteError(Printable(record)));

        protected void EmitWarning(string message) => OnPipelineThread(() => WriteWarning(Core.PrintableText.Escape(message)));

        protected void EmitVerbose(string message) => OnPipelineThread(() => WriteVerbose(Core.PrintableText.Escape(message)));

        protected void EmitProgress(ProgressRecord record) => OnPipelineThread(() => WriteProgress(record));

        protected void EmitInformation(string message) =>
            OnPipelineThread(() => WriteInformation(new InformationRecord(Core.PrintableText.Escape(message), CommandName)));

        /// <summary>ShouldProcess from any thread (answered on the pipeline thread).</summary>
        protected bool AskShouldProcess(string target, string action)
        {
            PipelineDispatcher dispatcher = _dispatcher;
            return dispatcher == null ? ShouldProcess(target, action) : dispatcher.Invoke(() => ShouldProcess(target, action), _stop.Token);
        }

        private void OnPipelineThread(Action action)
        {
            PipelineDispatcher dispatcher = _dispatcher;
            if (dispatcher == null) action();
            else dispatcher.Post(action);
        }

        /// <summary>
        /// A non-terminating error for one input (file, peer...): the run goes on. PowerShell makes the FullyQualifiedErrorId
        /// `Reason,HamletPS.Commands.&lt;Cmdlet&gt;Command` from the stable <paramref name="reason"/>.
        /// </summary>
        protected ErrorRecord NewError(Exception exception, string reason, ErrorCategory category, object target) =>
            Printable(new ErrorRecord(exception, reason, category, target));

        /// <summary>The error record of one failed file, classified by Core.</summary>
        protected ErrorRecord NewError(Core.FileFailure failure) =>
            Printable(new ErrorRecord(failure.Exception, failure.Reason, CategoryOf(failure.Kind), failure.Path));

        /// <summary>
        /// The record with a message safe to print: when the exception's message holds control characters (a file name or a
        /// value from a sender), the record shows the escaped text instead (ErrorDetails); the exception itself is unchanged.
        /// </summary>
        protected static ErrorRecord Printable(ErrorRecord record)
        {
            if (record?.Exception == null || record.ErrorDetails != null) return record;
            string message = record.Exception.Message;
            string escaped = Core.PrintableText.Escape(message);
            if (!ReferenceEquals(escaped, message)) record.ErrorDetails = new ErrorDetails(escaped);
            return record;
        }

        private static ErrorCategory CategoryOf(Core.FileFailureKind kind)
        {
            switch (kind)
            {
                case Core.FileFailureKind.InvalidData: return ErrorCategory.InvalidData;
                case Core.FileFailureKind.AccessDenied: return ErrorCategory.PermissionDenied;
                case Core.FileFailureKind.NotFound: return ErrorCategory.ObjectNotFound;
                case Core.FileFailureKind.SecurityError: return ErrorCategory.SecurityError;
                case Core.FileFailureKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                default: return ErrorCategory.WriteError;
            }
        }

        /// <summary>
        /// The site configuration: -ConfigPath, else $env:HAMLET_CONFIG, else config.yaml in the current PowerShell location.
        /// Returns null when none was named and none lies here and <paramref name="required"/> is false (Core's
        /// HamletConfigLocator.ResolveOptional: a named file must exist); otherwise a missing or invalid file stops the
        /// command with an error naming the file and line (ErrorIds ConfigNotFound, InvalidConfiguration).
        /// </summary>
        protected Core.Configuration.HamletConfig LoadSiteConfig(string configPath, bool required)
        {
            string here = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
            string explicitPath = string.IsNullOrEmpty(configPath) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(configPath);
            string found = null;
            try
            {
                // A file named by -ConfigPath or $env:HAMLET_CONFIG must exist; only the search in the current folder is optional.
                found = required ? Core.Configuration.HamletConfigLocator.Resolve(explicitPath, here)
                    : Core.Configuration.HamletConfigLocator.ResolveOptional(explicitPath, here);
            }
            catch (System.IO.FileNotFoundException ex)
            {
                Terminate(ex, "ConfigNotFound", ErrorCategory.ObjectNotFound, explicitPath ?? here);
            }
            if (found == null) return null;
            Core.Configuration.HamletConfigReadResult result = Core.Configuration.HamletConfigLoader.Read(found);
            foreach (var finding in result.Findings)
            {
                if (finding.Severity == Core.Configuration.ConfigSeverity.Warning) WriteWarning(Core.PrintableText.Escape(finding.ToString()));
            }
            if (result.HasErrors)
            {
                Terminate(new Core.Configuration.HamletConfigException(
                        System.Linq.Enumerable.ToList(System.Linq.Enumerable.Where(result.Findings, f => f.Severity == Core.Configuration.ConfigSeverity.Error))),
                    "InvalidConfiguration", ErrorCategory.InvalidData, found);
            }
            return result.Config;
        }

        /// <summary>
        /// Runs a Core set-up (SortSetup, ArchiveSetup…: parameters and configuration into engine options). A failure
        /// <paramref name="classify"/> names (default: Core's configuration failures: ConfigNotFound, InvalidConfiguration,
        /// ConfigurationMissing) stops the command with that ErrorId; anything else propagates.
        /// </summary>
        protected T Setup<T>(Func<T> setup, object target, Func<Exception, string> classify = null, ErrorCategory category = ErrorCategory.InvalidArgument)
        {
            try
            {
                return setup();
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                string reason = (classify ?? Core.Configuration.WorkflowConfiguration.ClassifyFailure)(ex);
                if (reason == null) throw;
                Terminate(ex, reason, category, target);
                return default(T);
            }
        }

        /// <summary>
        /// Stops the command with <paramref name="reason"/> when any of <paramref name="names"/> was given: parameters that do
        /// not apply in this use ("-A, -B apply " + <paramref name="why"/>), refused rather than silently ignored.
        /// </summary>
        protected void RefuseParameters(IEnumerable<string> names, string why, string reason)
        {
            var given = new List<string>();
            foreach (string name in names)
                if (MyInvocation.BoundParameters.ContainsKey(name)) given.Add("-" + name);
            if (given.Count == 0) return;
            Terminate(new PSArgumentException(string.Join(", ", given) + (given.Count == 1 ? " applies " : " apply ") + why + "."),
                reason, ErrorCategory.InvalidArgument, string.Join(",", given));
        }

        /// <summary>
        /// Whether to replace an existing <paramref name="target"/> whose content differs (asked from any thread): -Force replaces;
        /// -Confirm asks; otherwise it is left alone.
        /// </summary>
        protected bool ConfirmReplace(bool force, string target)
        {
            if (force) return true;
            if (!MyInvocation.BoundParameters.TryGetValue("Confirm", out object confirm) || !((SwitchParameter)confirm).IsPresent) return false;
            return AskShouldProcess(target, "Overwrite (the existing file has different content)");
        }

        /// <summary>Stops the command for a configuration or usage error.</summary>
        protected void Terminate(Exception exception, string reason, ErrorCategory category, object target) =>
            ThrowTerminatingError(NewError(exception, reason, category, target));

        public void Dispose()
        {
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
