using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// Turns what New-HamletArchive / `hamlet archive` is given (protected tree folders, or single protected files from
    /// Protect-DicomPatient) into archive jobs: a root folder for <see cref="HamletArchiveBuilder.Build"/> and, for single files,
    /// the set of files to include (the others under that root are left out). A file's root is the parent of the folder named
    /// after its Study ID (the protected file's Patient ID), so entry paths start with the Study ID as in a whole-tree archive.
    /// Whether a file may go out is decided when the job is built, by the describe callback given to <see cref="Plan"/>.
    /// </summary>
    public static class ProtectedTreeSelection
    {
        public sealed class Job
        {
            private readonly Func<string, ArchiveEntryInfo> _describe;

            internal Job(Func<string, ArchiveEntryInfo> describe) { _describe = describe; }

            public string Root { get; set; }

            /// <summary>Null: every file under <see cref="Root"/>; else only these (full paths, compared by <see cref="PathRules.Current"/>).</summary>
            public HashSet<string> Files { get; set; }

            /// <summary>The describe callback for this job: the planned describer for selected files, null (left out) for the others.</summary>
            public ArchiveEntryInfo Describe(string path)
            {
                if (Files != null && !Files.Contains(Path.GetFullPath(path))) return null;
                return _describe(path);
            }
        }

        /// <summary>
        /// Plans the jobs for <paramref name="paths"/>; every file is later described (and so proven) by <paramref name="describe"/>
        /// (New-HamletArchive and `hamlet archive`: <see cref="DicomArchiveEntryDescriber.Sealed"/>).
        /// </summary>
        public static List<Job> Plan(IEnumerable<string> paths, Func<string, ArchiveEntryInfo> describe)
        {
            if (describe == null) throw new ArgumentNullException(nameof(describe));
            var jobs = new List<Job>();
            var byRoot = new Dictionary<string, Job>(PathRules.Current);
            foreach (string path in paths)
            {
                string full = Path.GetFullPath(path);
                if (Directory.Exists(full))
                {
                    jobs.Add(new Job(describe) { Root = PathRules.Current.Normalize(full) });
                    continue;
                }
                if (!File.Exists(full)) throw new FileNotFoundException("Cannot find path '" + path + "'.", path);
                string studyId = DicomFile.Open(full, DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTags.PatientID)?.Trim();
                string root = RootOf(full, studyId);
                if (!byRoot.TryGetValue(root, out Job job))
                {
                    job = new Job(describe) { Root = root, Files = new HashSet<string>(PathRules.Current) };
                    byRoot.Add(root, job);
                    jobs.Add(job);
                }
                job.Files.Add(full);
            }
            return jobs;
        }

        private static string RootOf(string file, string studyId)
        {
            string dir = Path.GetDirectoryName(file);
            for (string d = dir; d != null; d = Path.GetDirectoryName(d))
            {
                if (!string.IsNullOrEmpty(studyId) && string.Equals(Path.GetFileName(d), Deidentification.OutputPathBuilder.Sanitize(studyId), StringComparison.Ordinal))
                    return Path.GetDirectoryName(d);
            }
            return dir;
        }
    }
}
