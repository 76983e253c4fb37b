import Ember
import Foundation

/// The reports of a run: one format printed on stdout, and the JSON, Markdown and HTML files
/// written to the run's report directory.
enum RunReports {
    /// What `--format` accepts.
    static let formats = ["table", "json", "markdown", "html"]

    /// Checks a `--format` value.
    static func format(_ parsed: ParsedArguments) throws -> String {
        let format = parsed.value("format")?.lowercased() ?? "table"
        guard formats.contains(format) else {
            throw parsed.fail("The value '\(format)' of '--format' is not valid; expected one "
                + "of \(formats.joined(separator: ", ")).")
        }
        return format
    }

    /// Where a run's reports go by default: `runs/<id>/` beside the journal's database.
    static func defaultDirectory(runID: String, context: EmberContext) -> String {
        let base = (context.settings.databasePath as NSString).deletingLastPathComponent
        return ((base as NSString).appendingPathComponent("runs") as NSString)
            .appendingPathComponent(runID)
    }

    /// Fails with a usage error, before any work, unless the directory `--output` names can
    /// hold the reports: it is made if it does not exist, and a file is written into it and
    /// removed. Nothing happens when the option is not given.
    static func checkOutputDirectory(_ parsed: ParsedArguments) throws {
        guard let path = parsed.value("output") else { return }
        guard !path.isEmpty else {
            throw parsed.fail("The option '--output' needs a directory path, not ''.")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
           !isDirectory.boolValue {
            throw parsed.fail("The output path '\(path)' is a file; '--output' takes a "
                + "directory for report.html, report.json and report.md.")
        }
        let probe = (path as NSString).appendingPathComponent(".ember-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(atPath: path,
                                                    withIntermediateDirectories: true)
            try Data().write(to: URL(fileURLWithPath: probe))
            try FileManager.default.removeItem(atPath: probe)
        } catch {
            throw parsed.fail("The reports cannot be written to '\(path)' "
                + "(\((error as NSError).localizedDescription)); give a directory you can "
                + "write to.")
        }
    }

    /// Writes `report.json`, `report.md` and `report.html` into `directory`, prints `format`
    /// on stdout (for `html`, the page's path), and names the files on stderr.
    static func emit(header: EvaluationReportHeader, summary: EvaluationSummary,
                     format: String, directory: String) throws {
        let files = [
            ("report.html", HTMLReport(header: header, summary: summary).render()),
            ("report.json", JSONReport(header: header, summary: summary).render()),
            ("report.md", MarkdownReport(header: header, summary: summary).render()),
        ]
        do {
            try FileManager.default.createDirectory(atPath: directory,
                                                    withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(
                    to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(name)),
                    options: .atomic)
            }
        } catch {
            throw EvalFailure("the reports could not be written to \(directory) "
                + "(\(error.localizedDescription)); the run itself is saved in the journal, "
                + "'ember runs show \(header.runID) --output <dir>' writes them elsewhere")
        }
        let page = (directory as NSString).appendingPathComponent("report.html")
        switch format {
        case "json": print(files[1].1, terminator: "")
        case "markdown": print(files[2].1, terminator: "")
        case "html": print(page)
        default: print(TerminalReport(header: header, summary: summary).render(), terminator: "")
        }
        printError("Reports: \(page) (and report.json, report.md beside it)")
    }
}
