import GRDB
import IntakeModel

extension SQLiteStore: TemplateStore {
    public func addTemplate(_ template: Template, replace: Bool) throws {
        var json = StateJSON()
        let files = json.encode(objects: template.files, keys: ("type", "url")) { ($0.type, $0.url) }
        try write { db in
            if let existing = try Row.fetchOne(db, sql: "SELECT product_uid, created_at FROM templates WHERE name = ?", arguments: [template.name]) {
                guard replace else {
                    throw StoreError(.conflict, "the template '\(template.name)' already exists (\(existing["product_uid"] as String), added \(existing["created_at"] as String)); give --replace to replace it")
                }
            }
            try db.execute(sql: "INSERT OR REPLACE INTO templates (name, product_uid, files, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [template.name, template.productUID.rawValue, files, template.createdAt.isEmpty ? Self.now() : template.createdAt])
        }
    }

    public func templates() throws -> [Template] {
        try read { db in
            // A state of an earlier version opened read-only (`validate --state`) has no templates yet.
            guard try db.tableExists("templates") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT name, product_uid, files, created_at FROM templates ORDER BY name").map { row in
                Template(name: row["name"], productUID: ProductUID(row["product_uid"]), files: Self.designFiles(row["files"]), createdAt: row["created_at"])
            }
        }
    }
}
