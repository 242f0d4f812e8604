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
            Printable(new ErrorRecord(WithParameters(exception), reason, category, target));

        /// <summary>The error record of one failed file, classified by Core.</summary>
        protected ErrorRecord NewError(Core.FileFailure failure) =>
            Printable(new ErrorRecord(WithParameters(failure.Exception), failure.Reason, CategoryOf(failure.Kind), failure.Path));

        /// <summary>The error record of an engine error: its ErrorId and category from Core's list (<see cref="Core.ErrorIds"/>).</summary>
        protected ErrorRecord NewError(Core.HamletException exception, object target) =>
            Printable(new ErrorRecord(WithParameters(exception), exception.ErrorId, CategoryOf(exception.Category), target));

        /// <summary>
        /// Core's messages name no parameter; when an engine error's remedy names settings, the record carries the message with
        /// them written as PowerShell spells them (-Force), the engine's exception inside it.
        /// </summary>
        private static Exception WithParameters(Exception exception) =>
            exception is Core.HamletException ours && ours.Remedy != null ? new RuntimeException(ours.Describe(ParameterName), ours) : exception;

        /// <summary>
        /// The one classification of set-up errors (<see cref="Core.SetupError.Classify"/>): the engine's own error keeps its id,
        /// a bad value or an unreadable file while the settings are read becomes <paramref name="settingsId"/>; null for a bug.
        /// Use as <c>catch (Exception ex) when (SetupError(ex, ErrorIds.X) is HamletException setup) { Terminate(setup, target); }</c>.
        /// </summary>
        protected static Core.HamletException SetupError(Exception exception, string settingsId, string unreadableFileId = null) =>
            exception is PipelineStoppedException ? null : Core.SetupError.Classify(exception, settingsId, unreadableFileId);

        /// <summary>A cmdlet's parameter as PowerShell writes it: the remedies of Core's errors name settings in braces.</summary>
        internal static string ParameterName(string setting) => "-" + setting;

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

        /// <summary>Core's category as PowerShell's (the one mapping; docs/errors.md has the table).</summary>
        protected static ErrorCategory CategoryOf(Core.HamletErrorCategory kind)
        {
            switch (kind)
            {
                case Core.HamletErrorCategory.InvalidData: return ErrorCategory.InvalidData;
                case Core.HamletErrorCategory.AccessDenied: return ErrorCategory.PermissionDenied;
                case Core.HamletErrorCategory.NotFound: return ErrorCategory.ObjectNotFound;
                case Core.HamletErrorCategory.SecurityError: return ErrorCategory.SecurityError;
                case Core.HamletErrorCategory.InvalidArgument: return ErrorCategory.InvalidArgument;
                case Core.HamletErrorCategory.AuthenticationError: return ErrorCategory.AuthenticationError;
                case Core.HamletErrorCategory.ConnectionError: return ErrorCategory.ConnectionError;
                case Core.HamletErrorCategory.ResourceUnavailable: return ErrorCategory.ResourceUnavailable;
                case Core.HamletErrorCategory.ResourceExists: return ErrorCategory.ResourceExists;
                case Core.HamletErrorCategory.InvalidResult: return ErrorCategory.InvalidResult;
                case Core.HamletErrorCategory.OperationStopped: return ErrorCategory.OperationStopped;
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
            catch (Core.HamletException ex)
            {
                Terminate(ex, explicitPath ?? here); // ConfigNotFound
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
                    found);
            }
            return result.Config;
        }

        /// <summary>
        /// Runs a Core set-up (SortSetup, ArchiveSetup…: parameters and configuration into engine options). A set-up
        /// <see cref="Core.HamletException"/> stops the command with its own ErrorId and category; another failure
        /// <paramref name="classify"/> names (default: Core's configuration failures: ConfigNotFound, InvalidConfiguration,
        /// ConfigurationMissing) stops the command with that ErrorId; anything else propagates.
        /// </summary>
        protected T Setup<T>(Func<T> setup, object target, Func<Exception, string> classify = null, ErrorCategory category = ErrorCategory.InvalidArgument)
        {
            try
            {
                return setup();
            }
            catch (Core.HamletException ours) when (ours.IsSetup)
            {
                Terminate(ours, target); // the engine's own set-up error keeps its id and category
                return default(T);
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

        /// <summary>Stops the command for an engine error (a set-up error: its id and category from Core's list).</summary>
        protected void Terminate(Core.HamletException exception, object target) =>
            ThrowTerminatingError(NewError(exception, target));

        public void Dispose()
        {
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
