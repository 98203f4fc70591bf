import IntakeModel

/// The design file rule, shared by connection rows, order lines that name their files themselves, and templates.
public enum DesignFileRule {
    /// The problem with a design file URL, as an issue's code, message and hint; `nil` when it is fine.
    public static func problem(_ url: String) -> (code: IssueCode, message: String, hint: String)? {
        switch ValueChecks.designURLProblem(url) {
        case .invalid(let reason)?:
            return (.invalidDesignURL, "'\(url)' is not a usable design file URL: \(reason)",
                    "write a full http:// or https:// URL that production can download")
        case .unsupportedFormat(let ext)?:
            return (.unsupportedDesignFormat,
                    ext.isEmpty ? "the design file URL does not name a file type" : "design files of type .\(ext) cannot be printed",
                    "link a \(ValueChecks.supportedDesignExtensions.map { "." + $0 }.joined(separator: ", ")) file")
        case nil:
            return nil
        }
    }
}
