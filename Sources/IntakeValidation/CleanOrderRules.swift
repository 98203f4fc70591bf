import IntakeModel

/// The checks of `OrderValidator`, asked the other way round and on bytes: does this order pass every one of
/// them without a single issue? The orders hot path uses it to publish a clean order straight from the reader's
/// bytes; any order it cannot vouch for (`false`) goes through `OrderValidator` itself, which finds and words the
/// issues. So these functions may say `false` too often (that only costs time), never `true` too often: every
/// rule here mirrors one in `OrderValidator` and the equivalence is tested.
///
/// A class: the hot path calls it per row, and a struct holding the validator's tables would be copied per call.
public final class CleanOrderRules: Sendable {
    private let emailRequired: Bool
    private let catalog: Catalog?

    /// The rules of `validator`; `nil` when its configuration raises issues no byte check here mirrors (a
    /// missing store customer, or no connections to join with).
    public init?(_ validator: OrderValidator) {
        guard validator.unknownCustomer == nil, validator.connections != nil, !validator.customerMismatchOnEveryLine else { return nil }
        emailRequired = validator.emailRequired
        catalog = validator.catalog
    }

    /// The order-level fields of an order's first row, trimmed as the adapters trim them.
    public struct Address {
        /// The first name (the shipping name up to its first space).
        public var firstName: UnsafeBufferPointer<UInt8>
        /// The rest of the shipping name.
        public var lastName: UnsafeBufferPointer<UInt8>
        /// The company.
        public var company: UnsafeBufferPointer<UInt8>
        /// The street and number.
        public var address1: UnsafeBufferPointer<UInt8>
        /// More address.
        public var address2: UnsafeBufferPointer<UInt8>
        /// The city.
        public var city: UnsafeBufferPointer<UInt8>
        /// The postcode (Shopify's leading `'` removed).
        public var postCode: UnsafeBufferPointer<UInt8>
        /// The state or province.
        public var state: UnsafeBufferPointer<UInt8>
        /// The country code.
        public var country: UnsafeBufferPointer<UInt8>
        /// The e-mail.
        public var email: UnsafeBufferPointer<UInt8>
        /// The phone.
        public var phone: UnsafeBufferPointer<UInt8>

        /// Creates the fields, all empty.
        public init() {
            let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            (firstName, lastName, company, address1, address2, city, postCode, state, country, email, phone) =
                (empty, empty, empty, empty, empty, empty, empty, empty, empty, empty, empty)
        }
    }

    /// Whether the order-level checks (`OrderValidator.checkOrderFields`) find nothing: name, street, city,
    /// country code, postcode for the country, state where required, e-mail, and no field over its length.
    public func isClean(_ address: Address) -> Bool {
        if address.firstName.isEmpty || address.address1.isEmpty || address.city.isEmpty { return false }
        guard Countries.isValidAlpha2(utf8: address.country) else { return false }
        if address.postCode.isEmpty {
            if !OrderValidator.countriesWithoutPostcode.contains(String(decoding: address.country, as: UTF8.self)) { return false }
        } else if Postcodes.isValid(utf8: address.postCode, country: address.country) == false {
            return false
        }
        if address.state.isEmpty && Countries.requiresState(utf8: address.country) { return false }
        if address.email.isEmpty {
            if emailRequired { return false }
        } else if !ValueChecks.isPlausibleEmail(utf8: address.email) {
            return false
        }
        // Within the limit in bytes is within it in characters; past it, `OrderValidator` counts characters.
        typealias Field = ValueChecks.AddressField
        return address.firstName.count <= Field.firstName.maxLength && address.lastName.count <= Field.lastName.maxLength
            && address.company.count <= Field.companyName.maxLength && address.address1.count <= Field.addressLine1.maxLength
            && address.address2.count <= Field.addressLine2.maxLength && address.city.count <= Field.city.maxLength
            && address.postCode.count <= Field.postCode.maxLength && address.phone.count <= Field.phone.maxLength
    }

    /// The quantity of a line when `OrderValidator.checkLine` accepts it; `nil` otherwise.
    @inlinable
    public static func quantity(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        ValueChecks.parseQuantity(utf8: text)
    }

    /// Whether a line's SKU and name pass the checks made before the join (no spreadsheet damage, not both
    /// empty).
    public static func isClean(sku: UnsafeBufferPointer<UInt8>, nameIsEmpty: Bool) -> Bool {
        !(sku.isEmpty && nameIsEmpty) && !ValueChecks.looksExcelMangled(utf8: sku)
    }

    /// Whether a line joined to `connection` passes the product checks (`checkJoinedProduct`).
    public func isClean(joinedTo connection: Connection) -> Bool {
        guard let catalog else { return true }
        guard let product = catalog[connection.productUID] else { return false }
        return product.status != .discontinued
    }
}
