import Foundation
import IntakeCSV
import IntakeModel

/// The run's report as one self-contained HTML page: inline CSS, an inline SVG chart and a few lines of inline
/// script for the filters; no network, no fonts, no images from elsewhere, so it opens from a mail attachment or
/// a USB stick as it does from the output folder, and prints as it shows.
///
/// Every text that came from an input or a file name goes through `escape`, the one way text enters the page.
public struct HTMLReport {
    /// What the report is about: "validate", a pipeline's name ...
    public var title: String
    /// The run's counts.
    public var summary: RunSummary
    /// The exit status the run ends with.
    public var status: ExitStatus
    /// The issues and their counts per file.
    let issues: ReportCollector
    /// The language of the words (issue messages were localized by the log already).
    public var language: Language
    /// When the report was made.
    public var generated: Date

    /// Creates a report.
    public init(title: String, summary: RunSummary, status: ExitStatus, issues: ReportCollector, language: Language,
                generated: Date = Date()) {
        self.title = title
        self.summary = summary
        self.status = status
        self.issues = issues
        self.language = language
        self.generated = generated
    }

    /// The longest value shown in a cell; `rejects.csv` keeps the whole value.
    static let valueLimit = 300
    /// The longest message or hint shown.
    static let textLimit = 2_000

    var text: ReportText { ReportText.of(language) }

    /// The whole page.
    public func render() -> String {
        var page = ""
        page.reserveCapacity(4_096 + issues.rows.count * 600)
        let text = self.text
        page += "<!DOCTYPE html>\n<html lang=\"\(text.languageTag)\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<title>\(Self.escape(text.title)) · \(Self.escape(title))</title>\n<style>\(Self.style)</style>\n</head>\n<body>\n"
        header(into: &page)
        counts(into: &page)
        chart(into: &page)
        files(into: &page)
        stages(into: &page)
        table(into: &page)
        codes(into: &page)
        notes(into: &page)
        page += "<script>\(Self.script)</script>\n</body>\n</html>\n"
        return page
    }

    /// Writes the page to `path` whole or not at all: into a temporary file beside it, then renamed over it.
    /// - Throws: `FileWriteError` when the file cannot be written.
    public func write(to path: String) throws {
        try Self.writeAtomically(Data(render().utf8), to: path)
    }

    static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial").path
        do {
            let sink = try FileByteSink(path: temporary)
            try data.withUnsafeBytes { try sink.write($0) }
            try sink.flush()
            if rename(temporary, path) != 0 { throw FileWriteError(path: path, errorNumber: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    // MARK: Sections

    private func header(into page: inout String) {
        let text = self.text
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        var meta = [text.generated.replacingOccurrences(of: "{date}", with: formatter.string(from: generated))]
        if let run = summary.run { meta.append("run \(run)") }
        meta.append("\(group(summary.durationMs)) ms")
        let outcome: String
        switch status {
        case .success: outcome = text.outcomeAccepted
        case .rowsRejected: outcome = text.outcomeRejected
        case .fileSkipped: outcome = text.outcomeSkipped
        case .aborted: outcome = text.outcomeAborted
        default: outcome = ""
        }
        let exit = text.exitStatus.replacingOccurrences(of: "{n}", with: String(status.rawValue))
        page += "<header>\n<h1>\(Self.escape(text.title)) <span class=\"what\">\(Self.escape(title))</span></h1>\n"
        page += "<p class=\"meta\">\(meta.map(Self.escape).joined(separator: " · "))</p>\n"
        page += "<p class=\"status s\(status.rawValue)\">\(Self.escape(exit)): \(Self.escape(outcome))</p>\n</header>\n"
    }

    private func counts(into page: inout String) {
        let text = self.text
        var cards: [(String, Int, String)] = [(text.rowsRead, summary.rowsRead, "")]
        let orders = summary.ordersAccepted + summary.ordersHeld + summary.ordersDuplicate
        if orders > 0 {
            cards += [
                (text.ordersAccepted, summary.ordersAccepted, "ok"), (text.ordersHeld, summary.ordersHeld, summary.ordersHeld > 0 ? "bad" : ""),
                (text.ordersDuplicate, summary.ordersDuplicate, ""), (text.lineItemsAccepted, summary.lineItemsAccepted, ""),
                (text.lineItemsHeld, summary.lineItemsHeld, ""), (text.lineItemsDuplicate, summary.lineItemsDuplicate, ""),
            ]
        }
        let errorCount = issues.errors.values.reduce(0, +), warningCount = issues.warnings.values.reduce(0, +)
        cards.append((text.errors, errorCount, errorCount > 0 ? "bad" : "ok"))
        cards.append((text.warnings, warningCount, warningCount > 0 ? "warn" : ""))
        if summary.referenceRowsRejected > 0 { cards.append((text.referenceRowsRejected, summary.referenceRowsRejected, "warn")) }
        page += "<section id=\"summary\" aria-label=\"\(Self.escape(text.summary))\">\n<dl class=\"cards\">\n"
        for (label, value, tone) in cards {
            page += "<div class=\"card \(tone)\"><dt>\(Self.escape(label))</dt><dd>\(group(value))</dd></div>\n"
        }
        page += "</dl>\n</section>\n"
    }

    /// The codes seen in every stage, most frequent first: (code, errors, warnings).
    private var codeCounts: [(code: String, errors: Int, warnings: Int)] {
        let codes = Set(issues.errors.keys).union(issues.warnings.keys)
        return codes.map { ($0.rawValue, issues.errors[$0] ?? 0, issues.warnings[$0] ?? 0) }
            .sorted { ($0.errors + $0.warnings, $1.code) > ($1.errors + $1.warnings, $0.code) }
    }

    /// A horizontal bar per code (errors red, warnings amber, side by side in one bar), scaled to the largest.
    private func chart(into page: inout String) {
        let text = self.text
        let counts = codeCounts
        page += "<section id=\"chart\">\n<h2>\(Self.escape(text.issuesByCode))</h2>\n"
        guard let largest = counts.map({ $0.errors + $0.warnings }).max(), largest > 0 else {
            page += "<p class=\"none\">\(Self.escape(text.noIssues))</p>\n</section>\n"
            return
        }
        let rowHeight = 26, labelWidth = 230, barWidth = 560, width = labelWidth + barWidth + 90
        let height = counts.count * rowHeight + 8
        page += "<svg role=\"img\" aria-label=\"\(Self.escape(text.issuesByCode))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        for (index, entry) in counts.enumerated() {
            let y = 4 + index * rowHeight
            let errorWidth = max(entry.errors > 0 ? 2 : 0, entry.errors * barWidth / largest)
            let warningWidth = max(entry.warnings > 0 ? 2 : 0, entry.warnings * barWidth / largest)
            let explanation = IssueCode(rawValue: entry.code).map { IssueText.of($0, in: language).message } ?? ""
            page += "<a href=\"#issues\" data-filter=\"\(Self.escape(entry.code))\"><title>\(Self.escape(entry.code)): \(Self.escape(explanation))</title>"
            page += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\" class=\"label\">\(Self.escape(entry.code))</text>"
            if entry.errors > 0 {
                page += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(errorWidth)\" height=\"\(rowHeight - 8)\" class=\"bar-error\"/>"
            }
            if entry.warnings > 0 {
                page += "<rect x=\"\(labelWidth + errorWidth)\" y=\"\(y + 3)\" width=\"\(warningWidth)\" height=\"\(rowHeight - 8)\" class=\"bar-warning\"/>"
            }
            page += "<text x=\"\(labelWidth + errorWidth + warningWidth + 6)\" y=\"\(y + 17)\" class=\"count\">\(group(entry.errors + entry.warnings))</text></a>\n"
        }
        page += "</svg>\n<p class=\"legend\"><span class=\"key bar-error\"></span>\(Self.escape(text.error)) <span class=\"key bar-warning\"></span>\(Self.escape(text.warning))</p>\n</section>\n"
    }

    /// A section per file: what it was read as, and its issues by code (each a link that filters the table).
    private func files(into page: inout String) {
        let text = self.text
        var paths = summary.files.map(\.path)
        // Files that were never opened (a glob that matched nothing) have issues but no entry.
        for counts in issues.files where !paths.contains(counts.path) { paths.append(counts.path) }
        guard !paths.isEmpty else { return }
        page += "<section id=\"files\">\n<h2>\(Self.escape(text.files))</h2>\n"
        for path in paths {
            let entry = summary.files.first { $0.path == path }
            page += "<section class=\"file\">\n<h3>\(Self.breakable(Self.escape(path)))</h3>\n<p class=\"meta\">"
            var facts: [String] = []
            if let entry {
                facts.append("\(text.kind): \(entry.kind ?? text.skipped)")
                facts.append("\(text.rows): \(group(entry.rows))")
                if let encoding = entry.encoding { facts.append("\(text.encoding): \(encoding)") }
                if let delimiter = entry.delimiter { facts.append("\(text.delimiter): \(delimiter)") }
            } else {
                facts.append("\(text.kind): \(text.skipped)")
            }
            page += facts.map(Self.escape).joined(separator: " · ") + "</p>\n"
            guard let counts = issues.counts(of: path) else {
                page += "<p class=\"none\">\(Self.escape(text.noIssues))</p>\n</section>\n"
                continue
            }
            page += "<ul class=\"codes\">\n"
            for (code, count) in counts.errors.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                page += "<li class=\"error\"><a href=\"#issues\" data-filter=\"\(code.rawValue)\" data-file=\"\(Self.escape(path))\"><code>\(code.rawValue)</code></a> \(group(count))</li>\n"
            }
            for (code, count) in counts.warnings.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                page += "<li class=\"warning\"><a href=\"#issues\" data-filter=\"\(code.rawValue)\" data-file=\"\(Self.escape(path))\"><code>\(code.rawValue)</code></a> \(group(count))</li>\n"
            }
            page += "</ul>\n</section>\n"
        }
        page += "</section>\n"
    }

    private func stages(into page: inout String) {
        guard summary.stages.count > 1 || summary.stages.contains(where: { $0.name != "validate" }) else { return }
        let text = self.text
        page += "<section id=\"stages\">\n<h2>\(Self.escape(text.stages))</h2>\n<table class=\"small\">\n<thead><tr><th></th><th class=\"n\">\(Self.escape(text.rowsRead))</th><th class=\"n\">\(Self.escape(text.accepted))</th><th>\(Self.escape(text.errors))</th></tr></thead>\n<tbody>\n"
        for stage in summary.stages {
            let errors = stage.errorsByCode.sorted { $0.key < $1.key }.map { "\($0.key) \(group($0.value))" }.joined(separator: ", ")
            page += "<tr><td>\(Self.escape(stage.name))</td><td class=\"n\">\(group(stage.rowsRead))</td><td class=\"n\">\(group(stage.accepted))</td><td>\(Self.escape(errors))</td></tr>\n"
        }
        page += "</tbody>\n</table>\n</section>\n"
    }

    private func table(into page: inout String) {
        let text = self.text
        page += "<section id=\"issues\">\n<h2>\(Self.escape(text.issues))</h2>\n"
        guard issues.total > 0 else {
            page += "<p class=\"none\">\(Self.escape(text.noIssues))</p>\n</section>\n"
            return
        }
        if issues.total > issues.rows.count {
            let note = text.capped.replacingOccurrences(of: "{limit}", with: group(issues.limit))
                .replacingOccurrences(of: "{total}", with: group(issues.total))
            page += "<p class=\"capped\">\(Self.escape(note))</p>\n"
        }
        page += "<div class=\"controls\"><label><span>\(Self.escape(text.code))</span> <select id=\"code\"><option value=\"\">\(Self.escape(text.allCodes))</option>"
        for entry in codeCounts {
            page += "<option value=\"\(Self.escape(entry.code))\">\(Self.escape(entry.code)) (\(group(entry.errors + entry.warnings)))</option>"
        }
        page += "</select></label> <label><span>\(Self.escape(text.search))</span> <input id=\"search\" type=\"search\" autocomplete=\"off\"></label> "
        let showing = text.showing.replacingOccurrences(of: "{shown}", with: group(issues.rows.count))
            .replacingOccurrences(of: "{total}", with: group(issues.rows.count))
        page += "<output id=\"shown\" data-template=\"\(Self.escape(text.showing))\">\(Self.escape(showing))</output></div>\n"
        let headings = [text.file, text.line, text.record, text.order, text.column, text.value, text.code, text.message, text.hint]
        page += "<table id=\"rows\">\n<colgroup><col class=\"file\"><col class=\"n\"><col class=\"n\"><col class=\"order\"><col class=\"column\"><col class=\"value\"><col class=\"code\"><col><col></colgroup>\n<thead><tr>"
        for (index, heading) in headings.enumerated() { page += index == 1 || index == 2 ? "<th class=\"n\">\(Self.escape(heading))</th>" : "<th>\(Self.escape(heading))</th>" }
        page += "</tr></thead>\n<tbody>\n"
        for row in issues.rows {
            let issue = row.issue
            let severity = issue.severity == .error ? text.error : text.warning
            page += "<tr class=\"\(issue.severity.rawValue)\" data-code=\"\(issue.code.rawValue)\" data-file=\"\(Self.escape(issue.position.file))\">"
            page += "<td class=\"path\">\(Self.breakable(Self.escape(issue.position.file)))</td>"
            page += "<td class=\"n\">\(issue.position.line == 0 ? "" : String(issue.position.line))</td>"
            page += "<td class=\"n\">\(issue.position.record == 0 ? "" : String(issue.position.record))</td>"
            page += "<td>\(Self.escape(Self.cut(issue.order ?? "", to: Self.valueLimit)))</td>"
            page += "<td>\(Self.escape(Self.cut(issue.column, to: Self.valueLimit)))</td>"
            page += "<td class=\"value\">\(Self.escape(Self.cut(issue.value, to: Self.valueLimit)))</td>"
            page += "<td><code>\(issue.code.rawValue)</code><br><span class=\"sev\">\(Self.escape(severity))</span></td>"
            page += "<td>\(Self.escape(Self.cut(issue.message, to: Self.textLimit)))"
            if let original = row.original {
                page += "<div class=\"original\" title=\"\(Self.escape(text.original))\">\(Self.escape(Self.cut(original, to: Self.textLimit)))</div>"
            }
            page += "</td><td>\(Self.escape(Self.cut(issue.hint, to: Self.textLimit)))</td></tr>\n"
        }
        page += "</tbody>\n</table>\n</section>\n"
    }

    private func codes(into page: inout String) {
        let counts = codeCounts
        guard !counts.isEmpty else { return }
        page += "<section id=\"codes\">\n<h2>\(Self.escape(text.codesExplained))</h2>\n<dl class=\"explained\">\n"
        for entry in counts.sorted(by: { $0.code < $1.code }) {
            guard let code = IssueCode(rawValue: entry.code) else { continue }
            let explained = IssueText.of(code, in: language)
            page += "<dt><code>\(code.rawValue)</code></dt><dd>\(Self.escape(explained.message)) <em>\(Self.escape(explained.hint))</em></dd>\n"
        }
        page += "</dl>\n</section>\n"
    }

    private func notes(into page: inout String) {
        guard !summary.warnings.isEmpty else { return }
        page += "<section id=\"notes\">\n<h2>\(Self.escape(text.notes))</h2>\n<ul>\n"
        for note in summary.warnings { page += "<li>\(Self.escape(note))</li>\n" }
        page += "</ul>\n</section>\n"
    }

    // MARK: Text

    /// `value` with its digits grouped in threes, as the report's language writes numbers.
    func group(_ value: Int) -> String {
        let separator: String
        switch language {
        case .english: separator = ","
        case .french: separator = "\u{202F}"
        case .danish, .german, .italian, .portuguese: separator = "."
        }
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += separator }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// Escaped `html` that may wrap after each `/` and `:` of a path (and only there), so a long path neither
    /// widens its column nor breaks inside a name.
    static func breakable(_ html: String) -> String {
        html.replacingOccurrences(of: "/", with: "/<wbr>").replacingOccurrences(of: ":", with: ":<wbr>")
    }

    /// `text` cut to `limit` characters, with an ellipsis when it was longer.
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }

    /// `text` safe anywhere in the page's text and in quoted attribute values: the five characters HTML gives a
    /// meaning escaped, and control characters (which HTML forbids, NUL among them) shown as U+FFFD.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            case "\r": escaped += " "
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value): escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension ReportText {
    /// The table of `language`.
    static func of(_ language: Language) -> ReportText {
        language.pick(english: english, danish: danish, german: german, french: french, italian: italian, portuguese: portuguese)
    }
}
