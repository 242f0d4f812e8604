using System;
using System.Collections.Generic;
using System.IO;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// Turns what New-HamletArchive / `hamlet archive` is given (protected tree folders, or single protected files from
    /// Protect-DicomPatient) into archive jobs: a root folder for <see cref="HamletArchiveBuilder.Build"/> and, for single files,
    /// the set of files to include (the others under that root are left out). A file's root is the parent of the folder named
    /// after its Study ID (the protected file's Patient ID), so entry paths start with the Study ID as in a whole-tree archive.
    /// </summary>
    public static class ProtectedTreeSelection
    {
        public sealed class Job
        {
            public string Root { get; set; }

            /// <summary>
            /// Null: every file under <see cref="Root"/>; else only these (full paths), with the description
            /// <see cref="Plan"/> already read from each header.
            /// </summary>
            public Dictionary<string, ArchiveEntryInfo> Files { get; set; }

            /// <summary>The describe callback for this job (a planned file's header is not read again).</summary>
            public ArchiveEntryInfo Describe(string path)
            {
                if (Files == null) return DicomArchiveEntryDescriber.Describe(path);
                return Files.TryGetValue(Path.GetFullPath(path), out ArchiveEntryInfo info) ? info : null;
            }
        }

        public static List<Job> Plan(IEnumerable<string> paths)
        {
            var jobs = new List<Job>();
            var byRoot = new Dictionary<string, Job>(StringComparer.Ordinal);
            foreach (string path in paths)
            {
                string full = Path.GetFullPath(path);
                if (Directory.Exists(full))
                {
                    jobs.Add(new Job { Root = full.TrimEnd(Path.DirectorySeparatorChar) });
                    continue;
                }
                if (!File.Exists(full)) throw new FileNotFoundException("Cannot find path '" + path + "'.", path);
                ArchiveEntryInfo info = DicomArchiveEntryDescriber.Describe(full);
                string root = RootOf(full, info?.StudyId);
                if (!byRoot.TryGetValue(root, out Job job))
                {
                    job = new Job { Root = root, Files = new Dictionary<string, ArchiveEntryInfo>(StringComparer.Ordinal) };
                    byRoot.Add(root, job);
                    jobs.Add(job);
                }
                job.Files[full] = info;
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
