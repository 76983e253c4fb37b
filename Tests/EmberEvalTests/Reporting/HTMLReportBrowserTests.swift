import Foundation
import Testing
@testable import EmberEval

/// The HTML report opened in headless Chromium: it must load, run its script without an
/// error and render to a screenshot.
@Suite("HTML report in headless Chromium", .serialized, .timeLimit(.minutes(3)),
       // Set EMBER_TEST_CHROMIUM (scripts/test.sh does) to make a missing browser a failure.
       .enabled(if: HeadlessChromium.shouldRun,
                "chromium is not installed; apt-get install chromium, or run scripts/test.sh"))
struct HTMLReportBrowserTests {
    /// A scratch directory for the page, the browser's profile and its output.
    func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    func write(_ html: String, in directory: URL) throws -> URL {
        let page = directory.appendingPathComponent("report.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        return page
    }

    @Test("the page's script runs without an error", arguments: HTMLFixtures.cases.map(\.0))
    func scriptRuns(name: String) async throws {
        let summary = try #require(HTMLFixtures.cases.first { $0.0 == name }?.1)
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = try write(HTMLFixtures.report(summary).render(), in: directory)

        let run = try await HeadlessChromium.run(["--dump-dom"], page: page, directory: directory)
        #expect(!run.hasTimedOut)
        #expect(run.status == 0, "chromium failed: \(run.standardError.suffix(2000))")
        #expect(HeadlessChromium.scriptStatus(inDump: run.standardOutput) == "ok")
        #expect(HeadlessChromium.consoleLines(inLog: run.standardError).isEmpty,
                "the page logged: \(HeadlessChromium.consoleLines(inLog: run.standardError))")
        #expect(!run.standardOutput.contains("<script>alert(1)</script>"))
        if name != "no items" {
            // The script shows the filters and counts the rows it shows.
            #expect(run.standardOutput.contains("<div class=\"controls\" id=\"item-controls\">"))
            #expect(run.standardOutput.contains(" shown</span>"))
        }
    }

    @Test("the verdict filter and the search hide the other rows")
    func filters() async throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clicks = """
            <script>
            document.querySelector('[data-filter="error"]').click();
            var search = document.getElementById('item-search');
            search.value = 'S13';
            search.dispatchEvent(new Event('input'));
            </script></body>
            """
        let html = HTMLFixtures.report(HTMLFixtures.subjects).render()
            .replacingOccurrences(of: "</body>", with: clicks)
        let page = try write(html, in: directory)

        let run = try await HeadlessChromium.run(["--dump-dom"], page: page, directory: directory)
        let dom = run.standardOutput
        #expect(HeadlessChromium.scriptStatus(inDump: dom) == "ok")
        #expect(dom.contains("<span class=\"detail\" id=\"items-shown\">1 of 41 shown</span>"))
        #expect(dom.contains("<tr data-verdict=\"error\"><td class=\"mono id\">s13</td>"))
        #expect(dom.contains(
            "<tr data-verdict=\"error\" hidden=\"\"><td class=\"mono id\">s0</td>"))
        #expect(!dom.contains("<tr data-verdict=\"correct\"><"))
        #expect(dom.contains("data-filter=\"error\" aria-pressed=\"true\""))
    }

    @Test("an error on the page is caught and reported, so the check above can fail")
    func errorsAreDetected() async throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = HTMLFixtures.report(ReportFixtures.mixed).render()
            .replacingOccurrences(of: "</body>",
                                  with: "<script>null.explode();</script></body>")
        let page = try write(html, in: directory)

        let run = try await HeadlessChromium.run(["--dump-dom"], page: page, directory: directory)
        let status = try #require(HeadlessChromium.scriptStatus(inDump: run.standardOutput))
        #expect(status.hasPrefix("error: "))
        #expect(status.contains("explode"))
        #expect(!HeadlessChromium.consoleLines(inLog: run.standardError).isEmpty)
    }

    @Test("the page renders to a PNG screenshot")
    func screenshot() async throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = try write(HTMLFixtures.report(HTMLFixtures.subjects).render(), in: directory)
        let image = directory.appendingPathComponent("report.png")

        let run = try await HeadlessChromium.run(
            ["--screenshot=" + image.path, "--window-size=1280,2000", "--hide-scrollbars"],
            page: page, directory: directory)
        #expect(!run.hasTimedOut)
        #expect(run.status == 0, "chromium failed: \(run.standardError.suffix(2000))")
        let data = try Data(contentsOf: image)
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        #expect(Array(data.prefix(8)) == signature, "not a PNG")
        // The IHDR chunk gives the image's size: the window's, 1280 by 2000.
        #expect(data.count > 10_000, "an image of an almost empty page")
        #expect(Self.bigEndian(data, at: 16) == 1280)
        #expect(Self.bigEndian(data, at: 20) == 2000)
    }

    private static func bigEndian(_ data: Data, at offset: Int) -> UInt32 {
        guard data.count >= offset + 4 else { return 0 }
        return data.dropFirst(offset).prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }
}
