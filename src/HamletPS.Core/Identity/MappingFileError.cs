namespace HamletPS.Core.Identity
{
    /// <summary>One problem in a mapping file: where (file, 1-based line; 0 for the file as a whole) and why. Never carries an MRN or accession value.</summary>
    public sealed class MappingFileError
    {
        public MappingFileError(string file, int line, string reason)
        {
            File = file;
            Line = line;
            Reason = reason;
        }

        public string File { get; }
        public int Line { get; }
        public string Reason { get; }

        public override string ToString() => Line > 0 ? File + ":" + Line + ": " + Reason : File + ": " + Reason;
    }
}
