extension IssueText {
    /// English: the reference the other tables translate.
    static let english: [IssueCode: IssueText] = [
        .unreadableFile: IssueText(
            message: "The file is missing or cannot be read, or the pattern matches no file.",
            hint: "Check the path and the file's permissions."),
        .emptyFile: IssueText(
            message: "The file has no header: it is empty or holds only blank lines.",
            hint: "Export the file again; a header without rows is fine."),
        .unrecognizedFormat: IssueText(
            message: "The header fits no known kind of file, or the archive entry is not a CSV file.",
            hint: "Give the kind with --as KIND, or export the file again from the store."),
        .missingColumn: IssueText(
            message: "A column the file needs is missing.",
            hint: "Add the column (names are matched without regard to case), or export the file again."),
        .duplicateColumn: IssueText(
            message: "Two columns have the same name.",
            hint: "Delete or rename one of them."),
        .encodingError: IssueText(
            message: "The text is not in an encoding that can be read (UTF-16 without a byte order mark, UTF-32, or invalid UTF-8).",
            hint: "Save the file as UTF-8 (CSV UTF-8 in a spreadsheet)."),
        .corruptArchive: IssueText(
            message: "The archive is damaged or cut off.",
            hint: "Download or copy the archive again."),
        .unsafeArchiveEntry: IssueText(
            message: "The archive entry has an absolute path, '..', a link or a device: it is never read.",
            hint: "Pack the files again as plain files in plain folders."),
        .archiveLimitExceeded: IssueText(
            message: "The archive has too many entries, or unpacks to more bytes than the limits allow.",
            hint: "If the archive is genuine, unpack it yourself and give the files."),
        .malformedRow: IssueText(
            message: "The row's quotes are wrong (a quote not closed, or a stray one), or the row is too long.",
            hint: "Put values with commas or line breaks in quotes, and write a \" inside a value as \"\"."),
        .wrongFieldCount: IssueText(
            message: "The row has more or fewer fields than the header.",
            hint: "A value probably holds an unquoted delimiter or line break: quote it or remove it."),
        .missingValue: IssueText(
            message: "A required cell is empty.",
            hint: "Fill in the cell (State is required for US, CA and AU addresses)."),
        .invalidValue: IssueText(
            message: "The value is not one of those allowed here.",
            hint: "Write one of the allowed values (for a catalog status: active or discontinued)."),
        .invalidQuantity: IssueText(
            message: "The quantity is not a whole number from 1 to 1,000,000.",
            hint: "Write the quantity as a whole number, without decimals or units."),
        .invalidCountry: IssueText(
            message: "The country is not a two-letter ISO 3166-1 code.",
            hint: "Write the country's two-letter code, such as DE, DK, FR, IT, PT or BR."),
        .invalidEmail: IssueText(
            message: "The value is not an e-mail address.",
            hint: "Write the customer's full e-mail address, such as name@example.com."),
        .invalidPostcode: IssueText(
            message: "The postcode does not fit the country's format.",
            hint: "Check the postcode and the country; format the column as text so leading zeros stay."),
        .excelMangledValue: IssueText(
            message: "A spreadsheet changed the value: a SKU turned into a number like 1.23E+11, or a postcode lost its leading zeros.",
            hint: "Restore the value and format the column as text before saving."),
        .unknownProduct: IssueText(
            message: "No product connection matches the order line (by SKU, or by product and variant name when the SKU is empty).",
            hint: "Connect the variant: add its Product UID and design file URL to the connection file and import it."),
        .unknownProductUID: IssueText(
            message: "The Product UID is not in the catalog.",
            hint: "Copy the Product UID exactly from the catalog."),
        .discontinuedProductUID: IssueText(
            message: "The Product UID is discontinued.",
            hint: "Connect the variant to a Product UID that is still produced."),
        .invalidDesignURL: IssueText(
            message: "The design file URL is not a full http or https address.",
            hint: "Write the whole URL, starting with https://."),
        .unsupportedDesignFormat: IssueText(
            message: "The design file is not a PDF, PNG, JPEG, TIFF or SVG file (or the URL names no file type).",
            hint: "Export the design as PDF, PNG, JPEG, TIFF or SVG, and use a URL that ends in its file type."),
        .specMismatch: IssueText(
            message: "A variant option contradicts the catalog attribute of the same name (such as the size or colour).",
            hint: "Connect the variant to the Product UID that matches its options, or correct the option."),
        .productNotActive: IssueText(
            message: "The product is a draft, archived or unpublished in the store.",
            hint: "Orders cannot come for it until it is active and published; ignore this if that is intended."),
        .valueTooLong: IssueText(
            message: "The value is longer than production accepts (names 25, company 60, address lines 35, city 30, postcode 15, phone 25 characters).",
            hint: "Shorten the value to fit the limit, so that the label shows all of it."),
        .unknownCustomer: IssueText(
            message: "The order's customer does not exist, or does not own the store.",
            hint: "Add the customer (intake customers add), or give the store's customer reference ID."),
        .duplicateOrder: IssueText(
            message: "The order was produced by an earlier run, or came already in this file: it is skipped.",
            hint: "Nothing to do: an order is produced only once."),
        .orderHeld: IssueText(
            message: "The line is fine, but another line of its order was rejected: the whole order is held.",
            hint: "Fix the other lines of the order and import it again."),
    ]
}
