using System;
using System.Management.Automation;
using HamletPS.Core;
using HamletPS.Core.Dose;

namespace HamletPS.Internal
{
    /// <summary>
    /// The parameters Get-DoseHistory and Export-DoseHistory share: the database (or the configuration beside which it
    /// lives) and the filters. The set-up is Core's (<see cref="DoseHistorySetup"/>), as for `hamlet dose history|export`.
    /// </summary>
    public abstract class DoseHistoryCmdlet : HamletCmdlet
    {
        /// <summary>The dose history database (default: dose-history.sqlite beside the site configuration); binds a piped file's FullName.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string DatabasePath { get; set; }

        /// <summary>The site configuration file.</summary>
        [Parameter]
        public string ConfigPath { get; set; }

        /// <summary>Only reports of this kind.</summary>
        [Parameter]
        [ValidateSet("CT", "ProjectionXRay", "Mammography", "Unknown")]
        public string Kind { get; set; }

        /// <summary>Only this station (wildcards * and ?).</summary>
        [Parameter]
        [SupportsWildcards]
        public string StationName { get; set; }

        /// <summary>Only studies with an irradiation event of this acquisition protocol (wildcards * and ?).</summary>
        [Parameter]
        [SupportsWildcards]
        public string AcquisitionProtocol { get; set; }

        /// <summary>Only studies with this description (wildcards * and ?).</summary>
        [Parameter]
        [SupportsWildcards]
        public string StudyDescription { get; set; }

        /// <summary>Studies on or after this date.</summary>
        [Parameter]
        public DateTime From { get; set; }

        /// <summary>Studies on or before this date (the whole day).</summary>
        [Parameter]
        public DateTime To { get; set; }

        /// <summary>Only patients at least this old at the study, in years.</summary>
        [Parameter]
        public double MinimumAge { get; set; }

        /// <summary>Only patients at most this old at the study, in years.</summary>
        [Parameter]
        public double MaximumAge { get; set; }

        /// <summary>Only patients of this sex (M, F or O).</summary>
        [Parameter]
        [ValidateSet("M", "F", "O")]
        public string PatientSex { get; set; }

        /// <summary>Show test/QA patients that were imported with -IncludeTestPatients (left out by default).</summary>
        [Parameter]
        public SwitchParameter IncludeTestPatients { get; set; }

        /// <summary>The request (configuration loaded, paths resolved) and the filter; a usage error stops the command.</summary>
        protected (DoseHistoryRequest Request, string Database, DoseHistoryFilter Filter) ResolveHistory()
        {
            var request = new DoseHistoryRequest
            {
                Config = LoadSiteConfig(ConfigPath, required: false),
                DatabasePath = DatabasePath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(DatabasePath),
                IncludeTestPatients = IncludeTestPatients,
            };
            try
            {
                string database = DoseHistorySetup.ResolveDatabasePath(request);
                DoseHistoryFilter filter = DoseHistorySetup.CreateFilter(request, new DoseHistoryFilter
                {
                    Kind = Kind,
                    StationName = StationName,
                    AcquisitionProtocol = AcquisitionProtocol,
                    StudyDescription = StudyDescription,
                    From = MyInvocation.BoundParameters.ContainsKey(nameof(From)) ? From : (DateTime?)null,
                    To = MyInvocation.BoundParameters.ContainsKey(nameof(To)) ? To : (DateTime?)null,
                    MinimumAge = MyInvocation.BoundParameters.ContainsKey(nameof(MinimumAge)) ? MinimumAge : (double?)null,
                    MaximumAge = MyInvocation.BoundParameters.ContainsKey(nameof(MaximumAge)) ? MaximumAge : (double?)null,
                    PatientSex = PatientSex,
                });
                return (request, database, filter);
            }
            catch (Exception ex) when (SetupError(ex, ErrorIds.InvalidDoseHistorySettings) is HamletException setup)
            {
                Terminate(setup, DatabasePath);
                throw;
            }
        }

        /// <summary>Opens the database; a missing, locked, damaged or foreign one stops the command (DoseHistoryUnavailable).</summary>
        protected DoseHistoryStore OpenHistory(string database)
        {
            try
            {
                return DoseHistoryStore.Open(database, create: false);
            }
            catch (HamletException ex)
            {
                Terminate(ex, database); // DoseHistoryUnavailable
                throw;
            }
        }
    }
}
