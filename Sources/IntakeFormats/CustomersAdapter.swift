import IntakeCSV
import IntakeModel

/// Reads customer files: `Name` (required), `Customer Reference ID`, `Description`, `Admin Email`,
/// `Admin First Name`, `Admin Last Name`.
public struct CustomersAdapter: Sendable {
    enum Aliases {
        static let name = ["name", "customer name", "company"]
        static let reference = ["customer reference id", "reference id", "customer reference", "reference"]
        static let description = ["description"]
        static let email = ["admin email", "admin e-mail", "email"]
        static let firstName = ["admin first name", "first name"]
        static let lastName = ["admin last name", "last name"]
    }

    /// Whether a header is a customers file.
    public static func matches(_ header: HeaderIndex) -> Bool {
        header.index(ofAny: Aliases.name) != nil
            && (header.index(ofAny: ["customer reference id"]) != nil || header.index(ofAny: ["admin email"]) != nil)
    }

    private let header: HeaderIndex
    private let name: Int
    private let reference: Int?
    private let description: Int?
    private let email: Int?
    private let firstName: Int?
    private let lastName: Int?

    /// Resolves the columns once; `nil` without a `Name` column.
    public init?(header: HeaderIndex) {
        guard let name = header.index(ofAny: Aliases.name) else { return nil }
        self.header = header
        self.name = name
        reference = header.index(ofAny: Aliases.reference)
        description = header.index(ofAny: Aliases.description)
        email = header.index(ofAny: Aliases.email)
        firstName = header.index(ofAny: Aliases.firstName)
        lastName = header.index(ofAny: Aliases.lastName)
    }

    /// Adapts the reader's current record; issues go to `issues`.
    public func customer(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> Customer? {
        func text(_ index: Int?) -> String { index.map { reader.string($0).trimmingSpaces } ?? "" }
        let customerName = text(name)
        guard !customerName.isEmpty else {
            issues.append(Issue(.missingValue, at: position, column: header.names[name], message: "the customer has no name", hint: "fill in the name"))
            return nil
        }
        return Customer(name: customerName, referenceID: text(reference), description: text(description), adminEmail: text(email),
                        adminFirstName: text(firstName), adminLastName: text(lastName))
    }
}
