import IntakeModel

/// Templates as order lines use them: by name, each as the connection its lines join (its Product UID and design
/// files), so a `Template` line becomes a job item as a connected SKU's line does.
enum TemplateLookup {
    /// The templates by name.
    static func byName(_ templates: [Template]) -> [String: Connection] {
        var byName: [String: Connection] = [:]
        for template in templates {
            byName[template.name] = Connection(sku: "", lineItemName: "", productUID: template.productUID, files: template.files,
                                               position: SourcePosition(file: "template \(template.name)", line: 0, record: 0))
        }
        return byName
    }
}
