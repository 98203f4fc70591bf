/// A business customer of the PSP.
public struct Customer: Sendable, Hashable, Codable {
    /// The customer's name.
    public var name: String
    /// The unique customer reference ID (jobs carry it as `customerReferenceId`); may be empty.
    public var referenceID: String
    /// A free description.
    public var description: String
    /// The customer admin's e-mail.
    public var adminEmail: String
    /// The customer admin's first name.
    public var adminFirstName: String
    /// The customer admin's last name.
    public var adminLastName: String

    /// Creates a customer.
    public init(name: String, referenceID: String = "", description: String = "", adminEmail: String = "", adminFirstName: String = "", adminLastName: String = "") {
        self.name = name
        self.referenceID = referenceID
        self.description = description
        self.adminEmail = adminEmail
        self.adminFirstName = adminFirstName
        self.adminLastName = adminLastName
    }
}

/// A customer's store on one platform.
public struct Store: Sendable, Hashable, Codable {
    /// The store's id (a slug, unique).
    public var id: String
    /// The reference ID of the customer it belongs to.
    public var customerReference: String
    /// The platform.
    public var platform: Platform
    /// A human name.
    public var name: String

    /// Creates a store.
    public init(id: String, customerReference: String, platform: Platform, name: String = "") {
        self.id = id
        self.customerReference = customerReference
        self.platform = platform
        self.name = name
    }
}
