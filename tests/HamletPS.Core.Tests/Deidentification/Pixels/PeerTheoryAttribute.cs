using System.IO;
using System.Linq;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification.Pixels
{
    /// <summary>A theory that needs peer programs (full paths): skipped, visibly, naming the missing ones, when they are not installed.</summary>
    public sealed class PeerTheoryAttribute : TheoryAttribute
    {
        public PeerTheoryAttribute(params string[] programs)
        {
            var missing = programs.Where(p => !File.Exists(p)).ToArray();
            if (missing.Length > 0) Skip = "peer not installed: " + string.Join(", ", missing) + " (tests/run.sh installs tesseract-ocr and dcmtk)";
        }
    }

    /// <summary>A fact that needs peer programs (full paths): skipped, visibly, naming the missing ones, when they are not installed.</summary>
    public sealed class PeerFactAttribute : FactAttribute
    {
        public PeerFactAttribute(params string[] programs)
        {
            var missing = programs.Where(p => !File.Exists(p)).ToArray();
            if (missing.Length > 0) Skip = "peer not installed: " + string.Join(", ", missing) + " (tests/run.sh installs tesseract-ocr and dcmtk)";
        }
    }
}
