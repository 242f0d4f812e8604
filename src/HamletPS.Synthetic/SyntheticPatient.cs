namespace HamletPS.Synthetic
{
    /// <summary>An invented patient. Names and numbers are generated, never taken from real people.</summary>
    public sealed class SyntheticPatient
    {
        public string PatientId { get; set; }
        public string FamilyName { get; set; }
        public string GivenName { get; set; }
        public string BirthDate { get; set; }
        public string Sex { get; set; }
    }
}
