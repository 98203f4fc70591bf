import Foundation
import IntakeModel
import IntakeValidation
import Yams

/// Turns the text of a pipeline file into a ``PipelineFile``, strictly: it walks Yams's node tree (which keeps
/// each node's line and column) rather than decoding, so that every error can name its key and line.
struct PipelineFileParser {
    /// The pipeline file, as given.
    let path: String
    /// The absolute folder of the pipeline file: relative paths resolve against it.
    let folder: String

    init(path: String) {
        self.path = path
        self.folder = Self.normalize(Self.absolute(path, against: FileManager.default.currentDirectoryPath))
            .deletingLastComponent
    }

    private static let topLevelKeys = ["name", "state", "catalog", "customers", "stores", "stages", "output", "policy"]
    private static let storeKeys = ["id", "customer", "platform", "name", "columns", "integration_id"]
    private static let stageKinds = ["connect", "orders", "sync", "status"]
    private static let stageKeys = ["store", "files"]
    private static let outputKeys = ["dir", "jobs", "bundle", "report", "routes"]
    private static let routeKeys = ["name", "to", "when", "default"]
    private static let conditionKeys = ["category", "product_uid_prefix", "customer", "store", "country"]
    private static let policyKeys = ["on_line_error", "max_error_rate"]
    private static let placeholders = ["pipeline", "run", "date"]

    func parse(_ yaml: String) throws(PipelineFileError) -> PipelineFile {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml, .basic) else {
                throw error(
                    line: 1, column: 1, key: "", "the pipeline file is empty; expected at least the keys name and stages")
            }
            root = node
        } catch let failure as PipelineFileError {
            throw failure
        } catch let failure as YamlError {
            throw yamlError(failure)
        } catch {
            throw self.error(key: "", "invalid YAML: \(error)")
        }

        let top = try fields(of: root, key: "", allowed: Self.topLevelKeys, required: ["name", "stages"])
        let name = try string(top["name"]!.value, key: "name")
        let state = try top["state"].map { entry throws(PipelineFileError) in
            try resolvedPath(entry.value, key: "state")
        }
        let catalog = try top["catalog"].map { entry throws(PipelineFileError) in
            try fileRef(entry.value, key: "catalog")
        }
        let customers = try top["customers"].map { entry throws(PipelineFileError) in
            try fileRef(entry.value, key: "customers")
        }
        let stores = try top["stores"].map { entry throws(PipelineFileError) in try parseStores(entry.value) } ?? []
        let stages = try parseStages(top["stages"]!.value)

        var file = PipelineFile(
            path: path, name: name, state: state, catalog: catalog, customers: customers, stores: stores,
            stages: stages)
        if let output = top["output"] { try parseOutput(output.value, into: &file) }
        if let policy = top["policy"] { try parsePolicy(policy.value, into: &file) }
        return file
    }

    // MARK: Sections

    private func parseStores(_ node: Node) throws(PipelineFileError) -> [PipelineFile.StoreEntry] {
        let items = try sequence(node, key: "stores", expected: "a list of stores, each { id, customer, platform }")
        var stores: [PipelineFile.StoreEntry] = []
        var firstLines: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let key = "stores[\(index)]"
            let entry = try fields(of: item, key: key, allowed: Self.storeKeys, required: ["id", "customer", "platform"])
            let idNode = entry["id"]!.value
            let id = try string(idNode, key: "\(key).id")
            if let first = firstLines[id] {
                throw error(at: idNode, key: "\(key).id", "duplicate store id '\(id)' (first used on line \(first))")
            }
            let line = item.mark?.line ?? 0
            firstLines[id] = line
            let customer = try string(entry["customer"]!.value, key: "\(key).customer")
            let platform = try choice(entry["platform"]!.value, key: "\(key).platform", Platform.self)
            let name = try entry["name"].map { field throws(PipelineFileError) in
                try string(field.value, key: "\(key).name")
            }
            var columns: [String: String] = [:]
            if let field = entry["columns"] {
                let mapping = try self.mapping(
                    field.value, key: "\(key).columns", expected: "a mapping of our field names to the store's headers")
                for (columnKey, columnValue) in mapping {
                    let field = try keyName(columnKey, key: "\(key).columns")
                    columns[field] = try string(columnValue, key: "\(key).columns.\(field)")
                }
            }
            let integrationID = try entry["integration_id"].map { field throws(PipelineFileError) in
                try string(field.value, key: "\(key).integration_id")
            }
            var store = PipelineFile.StoreEntry(id: id, customer: customer, platform: platform, name: name, columns: columns, line: line)
            store.integrationID = integrationID
            stores.append(store)
        }
        return stores
    }

    private func parseStages(_ node: Node) throws(PipelineFileError) -> [PipelineFile.Stage] {
        let items = try sequence(
            node, key: "stages", expected: "a list of stages, each `- orders: { store: …, files: … }`")
        guard !items.isEmpty else { throw error(at: node, key: "stages", "expected at least one stage") }
        var stages: [PipelineFile.Stage] = []
        for (index, item) in items.enumerated() {
            let key = "stages[\(index)]"
            let pairs = try mapping(
                item, key: key, expected: "a stage: one of connect, orders, sync, status with { store, files }")
            guard let (kindNode, body) = pairs.first else {
                throw error(at: item, key: key, "expected one of connect, orders, sync, status; found an empty mapping")
            }
            let kind = try keyName(kindNode, key: key)
            guard Self.stageKinds.contains(kind) else {
                throw error(
                    at: kindNode, key: key,
                    "unknown stage '\(kind)' (expected: \(Self.stageKinds.joined(separator: ", ")))")
            }
            if pairs.count > 1 {
                let extra = pairs[pairs.index(after: pairs.startIndex)].key
                var names: [String] = []
                for (other, _) in pairs { names.append(other.scalar?.string ?? "?") }
                var message = "a stage has exactly one key, its kind (connect, orders, sync or status); found "
                    + names.map { "'\($0)'" }.joined(separator: ", ")
                if names.dropFirst().allSatisfy(Self.stageKeys.contains) {
                    message += " (indent \(names.dropFirst().joined(separator: " and ")) under \(kind))"
                }
                throw error(at: extra, key: key, message)
            }
            let stageKey = "\(key).\(kind)"
            let stage = try fields(of: body, key: stageKey, allowed: Self.stageKeys, required: Self.stageKeys)
            let store = try string(stage["store"]!.value, key: "\(stageKey).store")
            let files = try fileRefs(stage["files"]!.value, key: "\(stageKey).files")
            let line = item.mark?.line ?? 0
            switch kind {
            case "connect": stages.append(.connect(store: store, files: files, line: line))
            case "orders": stages.append(.orders(store: store, files: files, line: line))
            case "status": stages.append(.status(store: store, files: files, line: line))
            default: stages.append(.sync(store: store, files: files, line: line))
            }
        }
        return stages
    }

    private func parseOutput(_ node: Node, into file: inout PipelineFile) throws(PipelineFileError) {
        let output = try fields(of: node, key: "output", allowed: Self.outputKeys, required: [])
        if let dir = output["dir"] {
            try checkPlaceholders(dir.value, key: "output.dir")
            file.outputDirectoryTemplate = try resolvedPath(dir.value, key: "output.dir")
        }
        if let jobs = output["jobs"] { file.jobs = try choice(jobs.value, key: "output.jobs", PipelineFile.JobsFormat.self) }
        if let bundle = output["bundle"] {
            file.bundle = try choice(bundle.value, key: "output.bundle", PipelineFile.BundleFormat.self)
        }
        if let report = output["report"] { file.report = try bool(report.value, key: "output.report") }
        if let routes = output["routes"] { file.routes = try parseRoutes(routes.value) }
    }

    /// `output.routes`: a list of `{ name, to, when }` and exactly one `{ name, to, default: true }`.
    private func parseRoutes(_ node: Node) throws(PipelineFileError) -> [PipelineFile.Route] {
        let items = try sequence(node, key: "output.routes", expected: "a list of routes, each { name, to, when } or { name, to, default: true }")
        guard !items.isEmpty else {
            throw error(at: node, key: "output.routes", "expected at least one route (leave routes out to route nothing)")
        }
        guard items.count <= PipelineFile.maximumRoutes else {
            throw error(at: items[PipelineFile.maximumRoutes], key: "output.routes", "at most \(PipelineFile.maximumRoutes) routes")
        }
        var routes: [PipelineFile.Route] = []
        var firstLines: [String: Int] = [:]
        var defaultRoute: PipelineFile.Route?
        for (index, item) in items.enumerated() {
            let key = "output.routes[\(index)]"
            let entry = try fields(of: item, key: key, allowed: Self.routeKeys, required: ["name", "to"])
            guard let nameField = entry["name"], let toField = entry["to"] else { continue }
            let name = try string(nameField.value, key: "\(key).name")
            guard Self.isRouteName(name) else {
                throw error(at: nameField.value, key: "\(key).name",
                            "'\(name)' cannot name a route: use letters, digits, '.', '_' and '-', starting with a letter or digit")
            }
            if let first = firstLines[name] {
                throw error(at: nameField.value, key: "\(key).name", "duplicate route name '\(name)' (first used on line \(first))")
            }
            let line = item.mark?.line ?? 0
            firstLines[name] = line
            try checkPlaceholders(toField.value, key: "\(key).to")
            let destination = try resolvedPath(toField.value, key: "\(key).to")
            let isDefault = try entry["default"].map { field throws(PipelineFileError) in try bool(field.value, key: "\(key).default") } ?? false
            var route = PipelineFile.Route(name: name, destination: destination, isDefault: isDefault, line: line)
            if isDefault {
                if let first = defaultRoute, let field = entry["default"] {
                    throw error(at: field.keyNode, key: key,
                                "a second default route; '\(first.name)' (line \(first.line)) is the default already, and exactly one route has default: true")
                }
                if let when = entry["when"] {
                    throw error(at: when.keyNode, key: key,
                                "the default route has no conditions: it takes the jobs no other route takes (remove when:, or default: true)")
                }
                defaultRoute = route
            } else {
                guard let when = entry["when"] else {
                    throw error(at: item, key: key,
                                "missing required key 'when' (the conditions of the route), or default: true for the route of the jobs no other route takes")
                }
                route.conditions = try parseConditions(when.value, key: "\(key).when")
            }
            routes.append(route)
        }
        guard defaultRoute != nil else {
            throw error(at: node, key: "output.routes",
                        "no default route: add one with default: true (e.g. `- { name: other, to: ../hotfolders/other, default: true }`); it takes the jobs no other route takes")
        }
        return routes
    }

    /// A route's `when:`: a non-empty mapping of conditions, each a text or a non-empty list of texts.
    private func parseConditions(_ node: Node, key: String) throws(PipelineFileError) -> PipelineFile.RouteConditions {
        if case .mapping(let pairs) = node {
            for (conditionNode, _) in pairs {
                let name = try keyName(conditionNode, key: key)
                guard Self.conditionKeys.contains(name) else {
                    throw error(at: conditionNode, key: key, "unknown condition '\(name)' (expected: \(Self.conditionKeys.joined(separator: ", ")))")
                }
            }
        }
        let entry = try fields(of: node, key: key, allowed: Self.conditionKeys, required: [])
        guard !entry.isEmpty else {
            throw error(at: node, key: key, "expected at least one condition (\(Self.conditionKeys.joined(separator: ", ")))")
        }
        func values(_ name: String) throws(PipelineFileError) -> [String]? {
            guard let field = entry[name] else { return nil }
            let conditionKey = "\(key).\(name)"
            guard case .sequence(let items) = field.value else { return [try string(field.value, key: conditionKey)] }
            guard !items.isEmpty else { throw error(at: field.value, key: conditionKey, "expected a text or a non-empty list of texts; found an empty list") }
            var texts: [String] = []
            for (index, item) in items.enumerated() { texts.append(try string(item, key: "\(conditionKey)[\(index)]")) }
            return texts
        }
        var conditions = PipelineFile.RouteConditions(
            categories: try values("category"), productUIDPrefixes: try values("product_uid_prefix"), customers: try values("customer"),
            stores: try values("store"))
        if let countries = try values("country"), let field = entry["country"] {
            var codes: [String] = []
            for (index, country) in countries.enumerated() {
                guard Countries.isValidAlpha2(country) else {
                    let item: Node
                    if case .sequence(let items) = field.value { item = items[index] } else { item = field.value }
                    let suggestion = Countries.alpha2(forName: country).map { " (write \($0))" } ?? ""
                    throw error(at: item, key: "\(key).country", "'\(country)' is not an ISO 3166-1 alpha-2 country code\(suggestion)")
                }
                codes.append(country)
            }
            conditions.countries = codes
        }
        return conditions
    }

    /// Whether `name` can name a route (and its folder): letters, digits, `.`, `_` and `-`, starting with a letter or digit.
    private static func isRouteName(_ name: String) -> Bool {
        func isLetterOrDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
        }
        guard let first = name.utf8.first, isLetterOrDigit(first) else { return false }
        return name.utf8.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private func parsePolicy(_ node: Node, into file: inout PipelineFile) throws(PipelineFileError) {
        let policy = try fields(of: node, key: "policy", allowed: Self.policyKeys, required: [])
        if let onLineError = policy["on_line_error"] {
            file.onLineError = try choice(
                onLineError.value, key: "policy.on_line_error", PipelineFile.LineErrorPolicy.self)
        }
        if let rate = policy["max_error_rate"] { file.maxErrorRate = try share(rate.value, key: "policy.max_error_rate") }
    }

    // MARK: Structure

    /// The entries of the mapping `node` (at `key`) by key name, after checking that every key is one of
    /// `allowed` and every key of `required` is there.
    private func fields(
        of node: Node, key: String, allowed: [String], required: [String]
    ) throws(PipelineFileError) -> [String: (keyNode: Node, value: Node)] {
        let expected = allowed.joined(separator: ", ")
        let pairs = try mapping(node, key: key, expected: "a mapping with the keys \(expected)")
        var result: [String: (keyNode: Node, value: Node)] = [:]
        for (keyNode, value) in pairs {
            let name = try keyName(keyNode, key: key)
            guard allowed.contains(name) else {
                throw error(at: keyNode, key: key, "unknown key '\(name)' (expected: \(expected))")
            }
            result[name] = (keyNode, value)
        }
        for name in required where result[name] == nil {
            throw error(at: node, key: key, "missing required key '\(name)'")
        }
        return result
    }

    private func mapping(_ node: Node, key: String, expected: String) throws(PipelineFileError) -> Node.Mapping {
        guard case .mapping(let mapping) = node else {
            throw error(at: node, key: key, "expected \(expected); found \(describe(node))")
        }
        return mapping
    }

    private func sequence(_ node: Node, key: String, expected: String) throws(PipelineFileError) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw error(at: node, key: key, "expected \(expected); found \(describe(node))")
        }
        return Array(sequence)
    }

    /// The name of a mapping key: a plain string.
    private func keyName(_ node: Node, key: String) throws(PipelineFileError) -> String {
        guard case .scalar(let scalar) = node else {
            throw error(at: node, key: key, "expected a key name; found \(describe(node))")
        }
        return scalar.string
    }

    // MARK: Values

    /// A non-empty string: a scalar that YAML reads as text (`3`, `true` or an empty value are not).
    private func string(_ node: Node, key: String) throws(PipelineFileError) -> String {
        guard case .scalar(let scalar) = node, PlainScalarTag.name(of: node) == Tag.Name.str.rawValue else {
            var message = "expected text; found \(describe(node))"
            if case .scalar(let scalar) = node, !scalar.string.isEmpty, PlainScalarTag.name(of: node) != Tag.Name.null.rawValue {
                message += " (put it in quotes if it is meant as text)"
            }
            throw error(at: node, key: key, message)
        }
        guard !scalar.string.isEmpty else { throw error(at: node, key: key, "expected text; found an empty string") }
        return scalar.string
    }

    private func choice<Value: RawRepresentable & CaseIterable>(
        _ node: Node, key: String, _ type: Value.Type
    ) throws(PipelineFileError) -> Value where Value.RawValue == String {
        let expected = Value.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .scalar(let scalar) = node, let value = Value(rawValue: scalar.string),
            PlainScalarTag.name(of: node) == Tag.Name.str.rawValue
        else {
            throw error(at: node, key: key, "expected one of \(expected); found \(describe(node))")
        }
        return value
    }

    private func bool(_ node: Node, key: String) throws(PipelineFileError) -> Bool {
        guard PlainScalarTag.name(of: node) == Tag.Name.bool.rawValue, let value = node.bool else {
            throw error(at: node, key: key, "expected true or false; found \(describe(node))")
        }
        return value
    }

    /// A number in `0...1`.
    private func share(_ node: Node, key: String) throws(PipelineFileError) -> Double {
        let tag = PlainScalarTag.name(of: node)
        let value: Double?
        if tag == Tag.Name.int.rawValue {
            value = node.int.map(Double.init)
        } else if tag == Tag.Name.float.rawValue {
            value = node.float
        } else {
            value = nil
        }
        guard let value else {
            throw error(at: node, key: key, "expected a number from 0 to 1; found \(describe(node))")
        }
        guard (0...1).contains(value) else {
            throw error(
                at: node, key: key,
                "expected a number from 0 to 1 (a share: 0.5 is half of the order lines); found \(node.scalar?.string ?? "")")
        }
        return value
    }

    /// A path, absolute or relative to the pipeline file's folder, resolved and normalised.
    private func resolvedPath(_ node: Node, key: String) throws(PipelineFileError) -> String {
        Self.normalize(Self.absolute(try string(node, key: key), against: folder))
    }

    private func fileRef(_ node: Node, key: String) throws(PipelineFileError) -> PipelineFile.FileRef {
        PipelineFile.FileRef(pattern: try resolvedPath(node, key: key), line: node.mark?.line ?? 0)
    }

    /// `files:`: one path or glob, or a non-empty list of them.
    private func fileRefs(_ node: Node, key: String) throws(PipelineFileError) -> [PipelineFile.FileRef] {
        guard case .sequence(let items) = node else {
            guard case .scalar = node else {
                throw error(at: node, key: key, "expected a path, a glob, or a list of them; found \(describe(node))")
            }
            return [try fileRef(node, key: key)]
        }
        guard !items.isEmpty else { throw error(at: node, key: key, "expected at least one file") }
        var references: [PipelineFile.FileRef] = []
        for (index, item) in items.enumerated() {
            references.append(try fileRef(item, key: "\(key)[\(index)]"))
        }
        return references
    }

    /// Checks that the braces of `node`'s text are the placeholders `{pipeline}`, `{run}` and `{date}`.
    private func checkPlaceholders(_ node: Node, key: String) throws(PipelineFileError) {
        let text = try string(node, key: key)
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            let expected = Self.placeholders.map { "{\($0)}" }.joined(separator: ", ")
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else {
                throw error(at: node, key: key, "unmatched '\(rest[open])' (the placeholders are \(expected))")
            }
            let name = rest[rest.index(after: open)..<close]
            guard Self.placeholders.contains(String(name)) else {
                throw error(at: node, key: key, "unknown placeholder '{\(name)}' (expected: \(expected))")
            }
            rest = rest[rest.index(after: close)...]
        }
    }

    // MARK: Errors

    private func error(at node: Node?, key: String, _ message: String) -> PipelineFileError {
        error(line: node?.mark?.line, column: node?.mark?.column, key: key, message)
    }

    private func error(line: Int? = nil, column: Int? = nil, key: String, _ message: String) -> PipelineFileError {
        PipelineFileError(path: path, line: line, column: column, key: key, message: message)
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch PlainScalarTag.name(of: node) {
            case Tag.Name.null.rawValue: return "nothing"
            case Tag.Name.str.rawValue: return scalar.string.isEmpty ? "an empty string" : "'\(scalar.string)'"
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue: return "the number \(scalar.string)"
            case Tag.Name.bool.rawValue: return "the boolean \(scalar.string)"
            case Tag.Name.timestamp.rawValue: return "the date \(scalar.string)"
            default: return "'\(scalar.string)' (\(PlainScalarTag.name(of: node)))"
            }
        }
    }

    private func yamlError(_ failure: YamlError) -> PipelineFileError {
        func located(
            _ context: YamlError.Context?, _ problem: String, _ mark: Mark, _ yaml: String
        ) -> PipelineFileError {
            var message = "invalid YAML: \(problem)"
            if problem == "but found another document" {
                message = "invalid YAML: a pipeline file holds one YAML document; found a second one"
            } else if let context {
                message += " (\(context.text), from line \(context.mark.line))"
            }
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let indentation = mark.line >= 1 && mark.line <= lines.count
                ? lines[mark.line - 1].prefix(while: { $0 == " " || $0 == "\t" }) : ""
            if indentation.contains("\t") {
                message += "; indent with spaces, not tabs"
            }
            return error(line: mark.line, column: mark.column, key: "", message)
        }
        switch failure {
        case .scanner(let context, let problem, let mark, let yaml),
            .parser(let context, let problem, let mark, let yaml),
            .composer(let context, let problem, let mark, let yaml):
            return located(context, problem, mark, yaml)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return error(
                line: context.mark.line, column: context.mark.column, key: "",
                "invalid YAML: the key \(keys) appears more than once in the same mapping")
        default:
            return error(key: "", "invalid YAML: \(failure)")
        }
    }

    // MARK: Paths

    static func absolute(_ path: String, against folder: String) -> String {
        path.hasPrefix("/") ? path : folder + "/" + path
    }

    /// `path` (absolute) without `.`, `..`, empty components or a trailing slash.
    static func normalize(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }
}

extension String {
    /// The path without its last component (`/` for a top-level one).
    fileprivate var deletingLastComponent: String {
        guard let slash = lastIndex(of: "/"), slash != startIndex else { return "/" }
        return String(self[..<slash])
    }
}
