using System;
using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Tests.Pipeline.Fuzz
{
    /// <summary>Canary MRN cores: "ZQX" and six digits, unlike any synthetic or pseudonymous value.</summary>
    internal static class FuzzValues
    {
        public static string Core(Random random) => "ZQX" + random.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];
    }

    /// <summary>Patient IDs a careless or hostile sender writes: control characters, 300 characters, non-ASCII that makes names
    /// longer than 255 bytes, path separators and "..", spaces, a backslash.</summary>
    public sealed class HostilePatientIdHazard : IPipelineHazard
    {
        public string Name => "hostile Patient IDs";

        public void Plant(FuzzSite site, Random random)
        {
            int files = random.Next(1, 4);
            for (int i = 0; i < files; i++)
            {
                string core = FuzzValues.Core(random);
                site.Canaries.Add(core);
                string id = FuzzValues.Pick(random,
                    core.Insert(3, "\0"), core + "\n" + "RCV: forged line", "\u001b[31m" + core, core + new string('9', 300),
                    string.Concat(Enumerable.Repeat("\U00010348", 20)) + core, core + new string('\u00e9', 50), "../../" + core, core + "/../../x",
                    "..", "  " + core + "  ", core + "\\" + "SECOND", core.Substring(0, 3) + " " + core.Substring(3), core);
                string family = "ZQXFAM" + random.Next(1000, 9999);
                site.Canaries.Add(family);
                site.AddDicom("p" + i + "/" + random.Next() + ".dcm", id, family + "^GIVEN");
            }
        }
    }

    /// <summary>Values from the sender that reach the manifest or descriptors: formula starts, the MRN with other separators in
    /// Manufacturer's Model Name and Study Description.</summary>
    public sealed class HostileSenderValueHazard : IPipelineHazard
    {
        public string Name => "hostile sender values";

        public void Plant(FuzzSite site, Random random)
        {
            string core = FuzzValues.Core(random);
            site.Canaries.Add(core);
            string spaced = core.Substring(0, 3) + FuzzValues.Pick(random, " ", "-", ".", "/", "^", "_") + core.Substring(3);
            site.AddDicom("sender/" + random.Next() + ".dcm", core, "SYNTHFUZZ^SENDER", ds =>
            {
                ds.AddOrUpdate(DicomTags.Modality, FuzzValues.Pick(random, "=1+2", "@SUM(A1)", "+CT", "-CT", "CT"));
                ds.AddOrUpdate(DicomTags.ManufacturerModelName, "Model " + spaced.ToLowerInvariant());
                ds.AddOrUpdate(DicomTags.StudyDescription, "Plan for " + spaced);
            });
        }
    }

    /// <summary>Lookup rows as a site's spreadsheet may hold them: duplicates (same pair, and one MRN with two Study IDs),
    /// empty and half-filled rows, an unterminated quote, control characters, formula starts and path characters in Study IDs.</summary>
    public sealed class MalformedMappingHazard : IPipelineHazard
    {
        public string Name => "duplicate and malformed lookup rows";

        public void Plant(FuzzSite site, Random random)
        {
            int rows = random.Next(1, 5);
            for (int i = 0; i < rows; i++)
            {
                string core = FuzzValues.Core(random);
                site.Canaries.Add(core);
                string study = "180_" + random.Next(1000, 9999);
                switch (random.Next(10))
                {
                    case 0: site.MappingRows.Add(core + "," + study); site.MappingRows.Add(core + "," + study); break;
                    case 1: site.MappingRows.Add(core + "," + study); site.MappingRows.Add(core + ",181_" + random.Next(1000, 9999)); break;
                    case 2: site.MappingRows.Add("," + study); break;
                    case 3: site.MappingRows.Add("\"" + core + "," + study); break;
                    case 4: site.MappingRows.Add(core.Insert(2, "\u0007") + "," + study); break;
                    case 5: site.MappingRows.Add(core + ",=HYPERLINK(\"http://x\")"); break;
                    case 6: site.MappingRows.Add(core + ",../" + study); break;
                    case 7: site.MappingRows.Add(";;;"); break;
                    default:
                        site.MappingRows.Add(core + "," + study);
                        site.AddDicom("listed/" + random.Next() + ".dcm", core);
                        break;
                }
            }
        }
    }

    /// <summary>Files that are not (whole) DICOM: text, empty, truncated Part 10, a DICM prefix with garbage, a name holding an MRN.</summary>
    public sealed class DamagedFileHazard : IPipelineHazard
    {
        public string Name => "non-DICOM and damaged files";

        public void Plant(FuzzSite site, Random random)
        {
            string core = FuzzValues.Core(random);
            site.Canaries.Add(core);
            string good = site.AddDicom("damaged/whole-" + random.Next() + ".dcm", core);
            byte[] bytes = File.ReadAllBytes(good);
            File.Delete(good);
            string folder = Path.Combine(site.Incoming, "damaged");
            switch (random.Next(4))
            {
                case 0: File.WriteAllText(Path.Combine(folder, core + "-notes.txt"), "not DICOM: " + core); break;
                case 1: File.WriteAllBytes(Path.Combine(folder, "empty.dcm"), Array.Empty<byte>()); break;
                case 2: File.WriteAllBytes(Path.Combine(folder, core + ".dcm"), bytes.Take(random.Next(132, bytes.Length - 1)).ToArray()); break;
                default:
                    var garbage = new byte[600];
                    random.NextBytes(garbage);
                    Encoding.ASCII.GetBytes("DICM").CopyTo(garbage, 128);
                    File.WriteAllBytes(Path.Combine(folder, "garbage.dcm"), garbage);
                    break;
            }
        }
    }
}
