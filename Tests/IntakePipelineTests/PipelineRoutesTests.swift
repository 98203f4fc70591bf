import Foundation
import IntakePipeline
import Testing

/// `output.routes` of pipeline files: parsed strictly, like the rest of the file (`PipelineFileTests`).
@Suite struct PipelineRoutesTests {
    private static let path = "/srv/intake/pipelines/routing.yml"

    /// A valid file whose `output:` section is `routes` (lines from 8 on).
    private static func file(routes: String) -> String {
        """
        name: routing
        stores:
          - { id: acme-shopify, customer: ACME-001, platform: shopify }
        stages:
          - orders: { store: acme-shopify, files: orders.csv }
        output:
          dir: ../out/{run}
          routes:
        \(routes)
        """
    }

    private static func parse(routes: String) throws -> PipelineFile {
        try PipelineFile.parse(yaml: file(routes: routes), path: path)
    }

    @Test func routesAreReadInTheirOrderWithTheirConditions() throws {
        let file = try Self.parse(routes: """
                - { name: apparel, to: ../hotfolders/apparel, when: { category: apparel } }
                - { name: posters-de, to: /mnt/hot/posters, when: { product_uid_prefix: flat_product_, country: [DE, AT] } }
                - name: acme
                  to: ../hotfolders/{date}/acme
                  when: { customer: ACME-001, store: [acme-shopify, acme-etsy] }
                - { name: rest, to: ../hotfolders/other, default: true }
            """)
        #expect(file.routes.map(\.name) == ["apparel", "posters-de", "acme", "rest"])
        #expect(file.routes.map(\.destination) == [
            "/srv/intake/hotfolders/apparel", "/mnt/hot/posters", "/srv/intake/hotfolders/{date}/acme", "/srv/intake/hotfolders/other",
        ])
        #expect(file.routes.map(\.isDefault) == [false, false, false, true])
        #expect(file.routes.map(\.line) == [9, 10, 11, 14])
        #expect(file.routes[0].conditions == PipelineFile.RouteConditions(categories: ["apparel"]))
        #expect(file.routes[1].conditions == PipelineFile.RouteConditions(productUIDPrefixes: ["flat_product_"], countries: ["DE", "AT"]))
        #expect(file.routes[2].conditions == PipelineFile.RouteConditions(customers: ["ACME-001"], stores: ["acme-shopify", "acme-etsy"]))
        #expect(file.routes[3].conditions == PipelineFile.RouteConditions())
    }

    @Test func aFileWithoutRoutesRoutesNothing() throws {
        let file = try PipelineFile.parse(yaml: "name: n\nstages:\n  - orders: { store: s, files: o.csv }\n", path: Self.path)
        #expect(file.routes.isEmpty)
    }

    @Test func theDefaultRouteMayStandAnywhere() throws {
        let file = try Self.parse(routes: """
                - { name: rest, to: other, default: true }
                - { name: mugs, to: mugs, when: { category: mugs } }
            """)
        #expect(file.routes.map(\.isDefault) == [true, false])
    }

    struct BadRoutes: Sendable, CustomTestStringConvertible {
        var label: String
        var routes: String
        var key: String
        var line: Int
        var column: Int?
        var message: String

        var testDescription: String { label }
    }

    static let badRoutes: [BadRoutes] = [
        BadRoutes(
            label: "no default route", routes: "    - { name: mugs, to: mugs, when: { category: mugs } }", key: "output.routes", line: 9,
            column: 5, message: "no default route: add one with default: true"),
        BadRoutes(
            label: "two default routes",
            routes: "    - { name: a, to: a, default: true }\n    - { name: m, to: m, when: { category: mugs } }\n    - { name: b, to: b, default: true }",
            key: "output.routes[2]", line: 11, column: 25, message: "a second default route; 'a' (line 9) is the default already"),
        BadRoutes(
            label: "unknown route key", routes: "    - { name: a, to: a, default: true, colour: red }", key: "output.routes[0]", line: 9,
            column: 40, message: "unknown key 'colour' (expected: name, to, when, default)"),
        BadRoutes(
            label: "unknown condition",
            routes: "    - { name: m, to: m, when: { category: mugs, colour: white } }\n    - { name: r, to: r, default: true }",
            key: "output.routes[0].when", line: 9, column: 49,
            message: "unknown condition 'colour' (expected: category, product_uid_prefix, customer, store, country)"),
        BadRoutes(
            label: "a route without conditions", routes: "    - { name: m, to: m }\n    - { name: r, to: r, default: true }",
            key: "output.routes[0]", line: 9, column: 7, message: "missing required key 'when'"),
        BadRoutes(
            label: "empty conditions", routes: "    - { name: m, to: m, when: {} }\n    - { name: r, to: r, default: true }",
            key: "output.routes[0].when", line: 9, column: 31, message: "expected at least one condition"),
        BadRoutes(
            label: "a default route with conditions",
            routes: "    - { name: r, to: r, default: true, when: { category: mugs } }", key: "output.routes[0]", line: 9, column: 40,
            message: "the default route has no conditions"),
        BadRoutes(
            label: "missing to", routes: "    - { name: r, default: true }", key: "output.routes[0]", line: 9, column: 7,
            message: "missing required key 'to'"),
        BadRoutes(
            label: "duplicate name",
            routes: "    - { name: r, to: a, when: { store: s } }\n    - { name: r, to: b, default: true }", key: "output.routes[1].name",
            line: 10, column: 15, message: "duplicate route name 'r' (first used on line 9)"),
        BadRoutes(
            label: "a name that is not a folder name", routes: "    - { name: ../up, to: a, default: true }", key: "output.routes[0].name",
            line: 9, column: 15, message: "'../up' cannot name a route"),
        BadRoutes(
            label: "a country name", routes: "    - { name: de, to: a, when: { country: [DE, Austria] } }\n    - { name: r, to: b, default: true }",
            key: "output.routes[0].when.country", line: 9, column: 48,
            message: "'Austria' is not an ISO 3166-1 alpha-2 country code (write AT)"),
        BadRoutes(
            label: "a number as customer", routes: "    - { name: c, to: a, when: { customer: 1001 } }\n    - { name: r, to: b, default: true }",
            key: "output.routes[0].when.customer", line: 9, column: 43, message: "expected text; found the number 1001"),
        BadRoutes(
            label: "default: yes please", routes: "    - { name: r, to: a, default: yes please }", key: "output.routes[0].default", line: 9,
            column: 34, message: "expected true or false"),
        BadRoutes(
            label: "routes: a mapping", routes: "    rest: { to: a }", key: "output.routes", line: 9, column: 5,
            message: "expected a list of routes"),
        BadRoutes(
            label: "an unknown placeholder", routes: "    - { name: r, to: \"hot/{store}\", default: true }", key: "output.routes[0].to", line: 9,
            column: 22, message: "unknown placeholder '{store}'"),
    ]

    @Test(arguments: badRoutes)
    func badRoutesAreRejected(_ bad: BadRoutes) throws {
        let error = try #require(throws: PipelineFileError.self) { try Self.parse(routes: bad.routes) }
        #expect(error.path == Self.path)
        #expect(error.key == bad.key)
        #expect(error.line == bad.line)
        if let column = bad.column { #expect(error.column == column) }
        #expect(error.message.contains(bad.message), "\(error.message)")
    }

    @Test func atMostSixtyFourRoutes() throws {
        let routes = (0...64).map { "    - { name: r\($0), to: r\($0), when: { store: s\($0) } }" }.joined(separator: "\n")
        let error = try #require(throws: PipelineFileError.self) { try Self.parse(routes: routes) }
        #expect(error.line == 9 + 64)
        #expect(error.message.contains("at most 64 routes"))
    }
}
