namespace HamletPS.Core.Dose
{
    /// <summary>What a dose report covers, from its Procedure reported (121058) and the containers it holds.</summary>
    public static class DoseReportKind
    {
        /// <summary>CT (TID 10011).</summary>
        public const string CT = "CT";

        /// <summary>Projection X-ray: fluoroscopy, radiography, interventional (TID 10001).</summary>
        public const string ProjectionXRay = "ProjectionXRay";

        /// <summary>Mammography (TID 10001 with Procedure reported Mammography).</summary>
        public const string Mammography = "Mammography";

        /// <summary>A dose report whose procedure this reader does not know; its header fields are still read.</summary>
        public const string Unknown = "Unknown";
    }
}
