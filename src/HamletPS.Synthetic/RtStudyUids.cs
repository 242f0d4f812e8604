using System.Globalization;

namespace HamletPS.Synthetic
{
    /// <summary>Every UID of one patient's RT study, derived from the seed and the patient's index.</summary>
    internal sealed class RtStudyUids
    {
        private readonly SyntheticUidFactory _factory;
        private readonly string _prefix;

        public RtStudyUids(SyntheticUidFactory factory, int patientIndex, RtStudyOptions options)
        {
            _factory = factory;
            _prefix = "patient/" + patientIndex.ToString(CultureInfo.InvariantCulture) + "/";
            Study = Uid("study");
            FrameOfReference = Uid("for/ct");
            CtSeries = Uid("series/ct");
            StructureSeries = Uid("series/rtstruct");
            PlanSeries = Uid("series/rtplan");
            DoseSeries = Uid("series/rtdose");
            StructureSet = options.IncludeStructureSet ? Uid("instance/rtstruct") : null;
            Plan = options.IncludePlan ? Uid("instance/rtplan") : null;
            Dose = options.IncludeDose ? Uid("instance/rtdose") : null;
            DoseReference = Uid("dose-reference/1");
            if (options.IncludeImageGuidance)
            {
                RegistrationSeries = Uid("series/reg");
                Registration = Uid("instance/reg");
                CbctSeries = Uid("series/cbct");
                CbctFrameOfReference = Uid("for/cbct");
            }
        }

        public string Study { get; }
        public string FrameOfReference { get; }
        public string CtSeries { get; }
        public string StructureSeries { get; }
        public string PlanSeries { get; }
        public string DoseSeries { get; }
        public string StructureSet { get; }
        public string Plan { get; }
        public string Dose { get; }
        public string DoseReference { get; }
        public string RegistrationSeries { get; }
        public string Registration { get; }
        public string CbctSeries { get; }
        public string CbctFrameOfReference { get; }

        public string CtInstance(int index) => Uid("instance/ct/" + index.ToString(CultureInfo.InvariantCulture));

        public string CbctInstance(int index) => Uid("instance/cbct/" + index.ToString(CultureInfo.InvariantCulture));

        private string Uid(string label) => _factory.Create(_prefix + label);
    }
}
