import IntakeModel

/// The words of the HTML report, one table per language (`ReportText+<language>.swift`).
///
/// `{n}`, `{shown}`, `{total}` and `{limit}` are replaced by numbers; everything else is shown as written (and
/// escaped).
struct ReportText: Sendable {
    /// `<html lang>`.
    var languageTag: String
    /// The page title's first words: "Intake report".
    var title: String
    /// "Generated {date}".
    var generated: String
    /// Headings.
    var summary: String
    var files: String
    var stages: String
    var issuesByCode: String
    var issues: String
    var codesExplained: String
    var notes: String
    /// Count labels.
    var rowsRead: String
    var ordersAccepted: String
    var ordersHeld: String
    var ordersDuplicate: String
    var lineItemsAccepted: String
    var lineItemsHeld: String
    var lineItemsDuplicate: String
    var errors: String
    var warnings: String
    var referenceRowsRejected: String
    var accepted: String
    /// Column headings of the files table.
    var kind: String
    var rows: String
    var encoding: String
    var delimiter: String
    var skipped: String
    /// Column headings of the issues table.
    var file: String
    var line: String
    var record: String
    var order: String
    var column: String
    var value: String
    var severity: String
    var code: String
    var message: String
    var hint: String
    /// Severities as shown.
    var error: String
    var warning: String
    /// The filter controls.
    var allCodes: String
    var search: String
    /// "{shown} of {total} issues shown".
    var showing: String
    /// "Only the first {limit} issues are listed; rejects.csv has all {total}."
    var capped: String
    /// "No problems found."
    var noIssues: String
    /// The outcome line: "Exit status {n}" and its meanings.
    var exitStatus: String
    var outcomeAccepted: String
    var outcomeRejected: String
    var outcomeSkipped: String
    var outcomeAborted: String
    /// "The original message" (the precise English message, shown under a translated one).
    var original: String
}
