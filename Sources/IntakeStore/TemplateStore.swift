import IntakeModel

/// The templates of the state (`intake templates`): named Product UIDs with their design files, which manual order
/// lines name in their `Template` column. Apart from `StateStore` so that a store without templates still is one.
public protocol TemplateStore: AnyObject {
    /// Adds a template, or replaces the one of the same name when `replace` is set.
    /// - Throws: `StoreError(.conflict)` naming the existing template when the name is taken and `replace` is not
    ///   set; `StoreError(.writeFailed)` when the state cannot be written.
    func addTemplate(_ template: Template, replace: Bool) throws
    /// All templates, by name.
    func templates() throws -> [Template]
}
