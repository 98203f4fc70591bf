import IntakePipeline

/// The human summary printed on standard error.
enum SummaryText {
    static func render(_ summary: RunSummary, title: String) -> String {
        var lines: [String] = []
        let files = summary.files.count
        let rows = summary.stages.isEmpty ? summary.rowsRead : summary.stages.map(\.rowsRead).reduce(0, +)
        lines.append("\(title): \(files) file\(files == 1 ? "" : "s"), \(rows) rows read in \(summary.durationMs) ms")
        for file in summary.files {
            var detail = "\(file.kind ?? "skipped"), \(file.rows) rows"
            if let encoding = file.encoding, encoding != "utf-8" { detail += ", decoded as \(encoding)" }
            lines.append("  \(file.path): \(detail)")
        }
        for stage in summary.stages where summary.stages.count > 1 || stage.name != "validate" {
            var line = "stage \(stage.name): \(stage.rowsRead) rows read, \(stage.accepted) accepted"
            if !stage.errorsByCode.isEmpty {
                line += "; errors: " + stage.errorsByCode.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            }
            lines.append(line)
        }
        let orders = summary.ordersAccepted + summary.ordersHeld + summary.ordersDuplicate
        if orders > 0 {
            lines.append("orders: \(summary.ordersAccepted) accepted, \(summary.ordersHeld) held, \(summary.ordersDuplicate) duplicate")
            lines.append("line items: \(summary.lineItemsAccepted) accepted, \(summary.lineItemsHeld) held, \(summary.lineItemsDuplicate) duplicate")
        }
        // The top-level counts are the orders stages' (contract): a catalog, connect or status stage's errors are
        // on its stage line.
        if summary.errorsByCode.isEmpty && summary.warningsByCode.isEmpty && summary.stages.allSatisfy({ $0.errorsByCode.isEmpty }) {
            lines.append("no problems found")
        }
        if !summary.errorsByCode.isEmpty {
            lines.append("errors: " + summary.errorsByCode.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if !summary.warningsByCode.isEmpty {
            lines.append("warnings: " + summary.warningsByCode.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if summary.referenceRowsRejected > 0 {
            lines.append("reference rows rejected: \(summary.referenceRowsRejected)")
        }
        for warning in summary.warnings { lines.append("note: \(warning)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
