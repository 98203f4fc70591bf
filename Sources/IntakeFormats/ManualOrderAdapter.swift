import IntakeCSV
import IntakeModel

/// Reads the manual order template (contract §4; `intake orders template` writes it), one row per line item, with
/// headers in English, Danish, German, French, Italian, Portuguese, Spanish and Dutch. Pressero (B2B) stores
/// use the same template plus an `Integration ID` column.
///
/// A line names either a connected `SKU`, or a `Product UID` with its `Design file URL` (one column per print
/// area: `Design file URL (back)`), or a `Template` (`intake templates add`) standing for both.
public struct ManualOrderAdapter: OrderRowAdapter, Sendable {
    /// Header aliases, normalised (lowercase, single spaces), per field.
    enum Aliases {
        static let reference = [
            "order reference", "order reference id", "order id", "order number", "ordrereference", "ordrenummer", "bestellreferenz",
            "bestellnummer", "référence de commande", "reference de commande", "numéro de commande", "riferimento ordine",
            "numero ordine", "referência da encomenda", "referência do pedido", "número do pedido", "referencia del pedido",
            "número de pedido", "bestelreferentie", "bestelnummer",
        ]
        static let customerReference = [
            "customer reference id", "customer reference", "kundereference", "kunde reference-id", "kundenreferenz", "kunden-referenz-id",
            "référence client", "reference client", "riferimento cliente", "referência do cliente", "referencia del cliente",
            "klantreferentie",
        ]
        static let integrationID = ["integration id", "integration-id", "integrationid"]
        /// `Template` in English, Danish, German, French, Italian, Portuguese, Spanish and Dutch.
        static let template = [
            "template", "template name", "skabelon", "vorlage", "modèle", "modele", "modello", "modelo", "plantilla", "sjabloon",
        ]
        static let currency = ["currency", "valuta", "währung", "devise", "monnaie", "moeda", "moneda"]
        static let sku = ["sku", "varenummer", "artikelnummer", "référence", "ugs", "codice articolo", "referência", "ref", "referencia", "artikelnummer"]
        static let quantity = ["quantity", "qty", "antal", "menge", "anzahl", "quantité", "quantita", "quantità", "quantidade", "cantidad", "aantal"]
        static let firstName = ["first name", "fornavn", "vorname", "prénom", "prenom", "nome", "primeiro nome", "nombre", "voornaam"]
        static let lastName = ["last name", "efternavn", "nachname", "nom", "nom de famille", "cognome", "apelido", "sobrenome", "apellidos", "achternaam"]
        static let company = ["company", "firma", "virksomhed", "unternehmen", "société", "societe", "entreprise", "azienda", "empresa", "bedrijf"]
        static let address1 = [
            "address line 1", "address 1", "adresselinje 1", "adresse 1", "adresszeile 1", "straße", "adresse ligne 1", "indirizzo 1",
            "indirizzo riga 1", "morada 1", "endereço 1", "endereço linha 1", "dirección 1", "línea de dirección 1", "adresregel 1",
        ]
        static let address2 = [
            "address line 2", "address 2", "adresselinje 2", "adresse 2", "adresszeile 2", "adresse ligne 2", "indirizzo 2",
            "indirizzo riga 2", "morada 2", "endereço 2", "endereço linha 2", "dirección 2", "línea de dirección 2", "adresregel 2",
        ]
        static let city = ["city", "by", "stadt", "ort", "ville", "città", "citta", "cidade", "localidade", "ciudad", "plaats", "stad"]
        static let postCode = [
            "post code", "postcode", "postal code", "zip", "zip code", "postnummer", "postleitzahl", "plz", "code postal", "cap",
            "código postal", "codigo postal", "cep", "postcode",
        ]
        static let state = ["state", "province", "region", "bundesland", "état", "etat", "provincia", "estado", "distrito", "staat", "provincie", "landsdel"]
        static let country = ["country", "land", "pays", "paese", "nazione", "país", "pais"]
        static let email = ["email", "e-mail", "mail", "courriel", "correo electrónico", "correo electronico"]
        static let phone = ["phone", "telefon", "telefonnummer", "téléphone", "telephone", "telefono", "telefone", "teléfono", "telefoon"]
        static let shippingMethod = [
            "shipping method", "forsendelsesmetode", "versandart", "mode de livraison", "metodo di spedizione", "método de envio",
            "método de envío", "verzendmethode",
        ]
    }

    /// Whether a header is the manual template (in any of the languages).
    public static func matches(_ header: HeaderIndex) -> Bool {
        header.index(ofAny: Aliases.reference) != nil && header.index(ofAny: Aliases.quantity) != nil
            && (header.index(ofAny: Aliases.sku) != nil || header.index(ofAny: ColumnAliases.productUID) != nil
                || header.index(ofAny: Aliases.template) != nil)
    }

    private let reference: Int
    private let customerReference: Int?
    private let integrationID: Int?
    private let currency: Int?
    private let sku: Int?
    private let productUID: Int?
    private let template: Int?
    private let quantity: Int
    private let firstName: Int?
    private let lastName: Int?
    private let company: Int?
    private let address1: Int?
    private let address2: Int?
    private let city: Int?
    private let postCode: Int?
    private let state: Int?
    private let country: Int?
    private let email: Int?
    private let phone: Int?
    private let shippingMethod: Int?
    private let design: [(index: Int, area: String)]
    /// Whether each line keeps its row (for fix files).
    public var keepCells = false
    /// The file's column names of the logical order fields.
    public let columns: OrderColumns
    /// The name of the `Integration ID` column, when the file has one (Pressero).
    public let integrationColumn: String?

    /// Resolves the columns once; `nil` without an order reference or a quantity column.
    public init?(header: HeaderIndex) {
        guard let reference = header.index(ofAny: Aliases.reference), let quantity = header.index(ofAny: Aliases.quantity) else { return nil }
        self.reference = reference
        self.quantity = quantity
        customerReference = header.index(ofAny: Aliases.customerReference)
        integrationID = header.index(ofAny: Aliases.integrationID)
        currency = header.index(ofAny: Aliases.currency)
        sku = header.index(ofAny: Aliases.sku)
        productUID = header.index(ofAny: ColumnAliases.productUID)
        template = header.index(ofAny: Aliases.template)
        firstName = header.index(ofAny: Aliases.firstName)
        lastName = header.index(ofAny: Aliases.lastName)
        company = header.index(ofAny: Aliases.company)
        address1 = header.index(ofAny: Aliases.address1)
        address2 = header.index(ofAny: Aliases.address2)
        city = header.index(ofAny: Aliases.city)
        postCode = header.index(ofAny: Aliases.postCode)
        state = header.index(ofAny: Aliases.state)
        country = header.index(ofAny: Aliases.country)
        email = header.index(ofAny: Aliases.email)
        phone = header.index(ofAny: Aliases.phone)
        shippingMethod = header.index(ofAny: Aliases.shippingMethod)
        design = FormatDetector.designColumns(header)
        integrationColumn = integrationID.map { header.names[$0] }
        let pairs: [(OrderField, Int?)] = [
            (.reference, reference), (.customerReference, integrationID ?? customerReference), (.currency, currency),
            (.shippingMethod, shippingMethod), (.quantity, quantity), (.sku, sku), (.productUID, productUID),
            (.designURL, design.first?.index), (.firstName, firstName), (.lastName, lastName), (.fullName, firstName),
            (.company, company), (.address1, address1), (.address2, address2), (.city, city), (.postCode, postCode),
            (.state, state), (.country, country), (.email, email), (.phone, phone), (.template, template),
        ]
        self.columns = OrderColumns(header: header, pairs)
    }

    public func rows(from reader: CSVReader, at position: SourcePosition, issues: inout [Issue]) -> [OrderRow] {
        func text(_ index: Int?) -> String { index.map { reader.trimmedString($0) } ?? "" }
        var address = Address()
        address.firstName = text(firstName)
        address.lastName = text(lastName)
        address.companyName = text(company)
        address.addressLine1 = text(address1)
        address.addressLine2 = text(address2)
        address.city = text(city)
        address.postCode = text(postCode)
        address.state = text(state)
        address.country = text(country).uppercased().count == 2 ? text(country).uppercased() : text(country)
        address.email = text(email)
        address.phone = text(phone)
        let files = design.compactMap { column -> DesignFile? in
            let url = reader.string(column.index).trimmingSpaces
            return url.isEmpty ? nil : DesignFile(type: column.area, url: url)
        }
        let line = OrderLine(
            position: position, quantityText: text(quantity), sku: text(sku), name: "", productUID: text(productUID),
            designFiles: files, record: keepCells ? (reader.recordBytes(), reader.dialect.delimiter) : nil, template: text(template))
        let customer = integrationID != nil ? text(integrationID) : text(customerReference)
        return [OrderRow(reference: text(reference), customerReference: customer, currency: text(currency),
                         shippingMethod: text(shippingMethod), address: address, line: line)]
    }
}
