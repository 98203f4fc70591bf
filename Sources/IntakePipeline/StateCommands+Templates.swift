import IntakeModel
import IntakeStore
import IntakeValidation

extension StateCommands {
    /// Adds a template (`intake templates add`): a name for a Product UID of the state's catalog, active, with its
    /// design file URL, which manual order lines then give in their `Template` column.
    ///
    /// ```swift
    /// let state = try StateCommands.open("intake.sqlite")
    /// try StateCommands.addTemplate(name: "menu-a4", productUID: "flat_product_pf_a4_pt_200-gsm-80lb-uncoated_cl_4-0_ver",
    ///                               designURL: "https://files.example.com/menu.pdf", replace: false, state: state)
    /// ```
    /// - Parameters:
    ///   - name: the template's name (spaces around it are dropped).
    ///   - productUID: a Product UID of the state's catalog that is active.
    ///   - designURL: the design file's URL, checked as a connection's (a full http(s) URL of a printable type).
    ///   - replace: replace a template of the same name instead of refusing.
    ///   - state: the state.
    /// - Returns: the template added.
    /// - Throws: `UsageError` (exit 2) naming what is wrong: an empty name, a Product UID that is not in the catalog
    ///   or is discontinued, a design URL that is not usable, a name already taken (without `replace`).
    @discardableResult
    public static func addTemplate(
        name: String, productUID: String, designURL: String, replace: Bool, state: some StateStore & TemplateStore
    ) throws -> Template {
        let name = name.trimmingSpaces
        guard !name.isEmpty else { throw UsageError("a template needs a name") }
        let uid = ProductUID(productUID.trimmingSpaces)
        let catalog = try perform { try state.hasCatalog() ? try state.catalog() : nil }
        guard let catalog else {
            throw UsageError("the state has no catalog to find the Product UID \(uid) in; import it first (intake catalog import CSV)")
        }
        guard let product = catalog[uid] else {
            throw UsageError("the Product UID '\(uid)' is not in the catalog; copy it exactly from the catalog")
        }
        guard product.status == .active else {
            throw UsageError("the Product UID '\(uid)' is discontinued in the catalog; a template names an active product")
        }
        let url = designURL.trimmingSpaces
        if let problem = DesignFileRule.problem(url) {
            throw UsageError("--design-url: \(problem.message) (\(problem.code.rawValue)); \(problem.hint)")
        }
        let template = Template(name: name, productUID: uid, files: [DesignFile(type: "default", url: url)])
        try perform { try state.addTemplate(template, replace: replace) }
        return template
    }
}
