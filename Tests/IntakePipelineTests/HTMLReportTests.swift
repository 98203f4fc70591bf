import Foundation
@testable import IntakePipeline
import IntakeModel
import Testing

/// The HTML report's content: counts, chart, files, the table of issues with its cap, the words of each
/// language, and text from inputs that stays text.
@Suite struct HTMLReportTests {
    static let hostile = "<img src=x onerror=alert(1)>"

    func issue(_ code: IssueCode, file: String = "orders.csv", line: Int, value: String = "", message: String = "a message") -> IntakeModel.Issue {
        IntakeModel.Issue(code, at: SourcePosition(file: file, line: line, record: line - 1), order: "#10\(line)", column: "Email", value: value,
              message: message, hint: "a hint")
    }

    func report(_ issues: [IntakeModel.Issue], limit: Int = ReportCollector.defaultLimit, language: Language = .english) -> String {
        let collector = ReportCollector(limit: limit)
        var summary = RunSummary()
        summary.rowsRead = 12
        summary.files = [RunSummary.FileEntry(path: "orders.csv", kind: "shopify-orders", rows: 12, encoding: "utf-8", delimiter: ",")]
        for issue in issues {
            collector.add(issue, shown: issue.localized(language))
            switch issue.severity {
            case .error: summary.errorsByCode[issue.code.rawValue, default: 0] += 1
            case .warning: summary.warningsByCode[issue.code.rawValue, default: 0] += 1
            }
        }
        return HTMLReport(title: "validate", summary: summary, status: .rowsRejected, issues: collector, language: language,
                          generated: Date(timeIntervalSince1970: 1_764_900_000)).render()
    }

    @Test("every value stays text: markup from an input is escaped wherever it shows")
    func valuesAreEscaped() {
        let page = report([
            issue(.invalidEmail, line: 2, value: Self.hostile, message: "'\(Self.hostile)' is not an e-mail address"),
            issue(.missingValue, file: "drops/<script>alert('f')</script>.csv", line: 3, value: "\"><svg onload=alert(2)>"),
        ])
        #expect(!page.contains("<img"))
        #expect(!page.contains("<svg onload"))
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.contains("&quot;&gt;&lt;svg onload=alert(2)&gt;"))
        // The page's own script is the only one.
        #expect(page.components(separatedBy: "<script>").count == 2)
    }

    @Test func theEscapeCoversAttributesAndControlCharacters() {
        #expect(HTMLReport.escape(#"a&b<c>d"e'f"#) == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        #expect(HTMLReport.escape("x\u{0}y\u{1B}z\u{7F}") == "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
        #expect(HTMLReport.escape("Müller\tø\n") == "Müller\tø\n")
    }

    @Test("counts, the chart's bars, the file's codes and the table's rows")
    func theReportShowsWhatHappened() {
        let page = report([
            issue(.invalidEmail, line: 2), issue(.invalidEmail, line: 5), issue(.orderHeld, line: 3),
            IntakeModel.Issue(.valueTooLong, at: SourcePosition(file: "orders.csv", line: 4, record: 3), message: "too long"),
        ])
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<dt>Rows read</dt><dd>12</dd>"))
        #expect(page.contains("<dt>Errors</dt><dd>3</dd>"))
        #expect(page.contains("<dt>Warnings</dt><dd>1</dd>"))
        // One bar per code, the most frequent first; each filters the table.
        let bars = page.components(separatedBy: "<a href=\"#issues\" data-filter=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(bars.prefix(3) == ["invalid_email", "order_held", "value_too_long"])
        #expect(page.contains("<rect x=\"230\" y=\"7\" width=\"560\""))  // the largest bar is the full width
        #expect(page.contains("<option value=\"invalid_email\">invalid_email (2)</option>"))
        #expect(page.components(separatedBy: "<tr class=\"error\" data-code=").count == 4)
        #expect(page.components(separatedBy: "<tr class=\"warning\" data-code=").count == 2)
        #expect(page.contains("4 of 4 issues shown"))
        #expect(page.contains("Kind: shopify-orders · Rows: 12 · Encoding: utf-8 · Delimiter: ,"))
        #expect(!page.contains("issues are listed here"))
        // Self-contained: nothing is fetched from elsewhere.
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http") && !page.contains("@import") && !page.contains("url("))
    }

    @Test("past the cap the table stops, with a note; the counts still count every issue")
    func theTableIsCapped() {
        let issues = (0..<25).map { issue(.invalidEmail, line: $0 + 2) }
        let page = report(issues, limit: 10)
        #expect(page.components(separatedBy: "<tr class=\"error\" data-code=").count == 11)
        #expect(page.contains("Only the first 10 issues are listed here; rejects.csv has all 25."))
        #expect(page.contains("<dt>Errors</dt><dd>25</dd>"))
        #expect(page.contains("invalid_email (25)"))
    }

    @Test("the words of the page and of the issues in the report's language, the original message under it")
    func aReportInGerman() {
        let page = report([issue(.invalidEmail, line: 2, value: "lena@example", message: "'lena@example' is not an e-mail address")],
                          language: .german)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"de\">"))
        #expect(page.contains(HTMLReport.escape(IssueText.of(.invalidEmail, in: .german).message)))
        #expect(page.contains(HTMLReport.escape(ReportText.german.rowsRead)))
        #expect(page.contains("<div class=\"original\""))
        #expect(page.contains("&#39;lena@example&#39; is not an e-mail address"))
        #expect(page.contains("<code>invalid_email</code>"))  // codes never change
    }

    @Test("every language has every word of the page, with its placeholders", arguments: Language.allCases)
    func everyLanguageHasThePagesWords(_ language: Language) {
        let text = ReportText.of(language)
        let english = ReportText.english
        for (label, value) in Mirror(reflecting: text).children.map({ ($0.label ?? "", $0.value as? String ?? "") }) {
            #expect(!value.isEmpty, "\(language.rawValue).\(label)")
            let englishValue = Mirror(reflecting: english).children.first { $0.label == label }?.value as? String ?? ""
            for placeholder in ["{date}", "{n}", "{shown}", "{total}", "{limit}"] where englishValue.contains(placeholder) {
                #expect(value.components(separatedBy: placeholder).count == 2, "\(language.rawValue).\(label) lacks \(placeholder)")
            }
        }
        #expect(text.languageTag == language.rawValue)
    }

    @Test func numbersAreGroupedAsTheLanguageWritesThem() {
        let collector = ReportCollector()
        func grouped(_ language: Language) -> String {
            HTMLReport(title: "", summary: RunSummary(), status: .success, issues: collector, language: language).group(1_234_567)
        }
        #expect(grouped(.english) == "1,234,567")
        #expect(grouped(.german) == "1.234.567")
        #expect(grouped(.french) == "1\u{202F}234\u{202F}567")
    }

    @Test func aReportWithoutIssuesSaysSo() {
        let page = report([])
        #expect(page.contains("No problems found."))
        #expect(!page.contains("<table id=\"rows\">"))
    }
}

/// The times status files carry, as recorded.
@Suite struct StatusTimeTests {
    @Test func timesBecomeUTC() {
        #expect(StatusFile.utc("2026-11-24T09:15:00Z") == "2026-11-24T09:15:00Z")
        #expect(StatusFile.utc("2026-11-24T16:20:00+01:00") == "2026-11-24T15:20:00Z")
        #expect(StatusFile.utc("2026-11-24 11:05") == "2026-11-24T11:05:00Z")
        #expect(StatusFile.utc("2026-11-24 11:05:30") == "2026-11-24T11:05:30Z")
        #expect(StatusFile.utc("2026-11-24") == "2026-11-24T00:00:00Z")
        #expect(StatusFile.utc("2026-11-24T09:15:00.250Z") == "2026-11-24T09:15:00Z")
        #expect(StatusFile.utc("yesterday") == nil)
        #expect(StatusFile.utc("24.11.2026") == nil)
        #expect(StatusFile.utc("") == nil)
    }
}
