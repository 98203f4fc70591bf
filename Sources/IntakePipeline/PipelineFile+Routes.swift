extension PipelineFile {
    /// A route of `output.routes`: the destination folder (a production hot folder) of the jobs that meet its
    /// conditions.
    ///
    /// ```yaml
    /// output:
    ///   routes:
    ///     - { name: apparel, to: ../hotfolders/apparel, when: { category: apparel } }
    ///     - { name: posters-de, to: ../hotfolders/posters-de, when: { product_uid_prefix: flat_product_, country: [DE, AT] } }
    ///     - { name: rest, to: ../hotfolders/other, default: true }
    /// ```
    ///
    /// Routes are tried in the order of the file and the first whose conditions all hold takes the job; the default
    /// route takes the jobs no other route takes, wherever it stands. A job is one order: its item conditions
    /// (`category`, `product_uid_prefix`) must hold for every item of the order, so a hot folder never receives
    /// an order it can only partly produce (a T-shirt with a poster goes on to the next route, or the default).
    public struct Route: Sendable, Equatable {
        /// `name:`, unique among the routes: letters, digits, `.`, `_` and `-` (it names the route's folder
        /// `routes/<name>/` among the run's outputs).
        public var name: String
        /// `to:`, the destination folder: absolute, resolved against the pipeline file's folder, with the
        /// placeholders `{pipeline}`, `{run}` and `{date}` kept.
        public var destination: String
        /// `default: true`: the route of the jobs no other route takes (it has no conditions).
        public var isDefault: Bool
        /// `when:`, the conditions (none for the default route).
        public var conditions: RouteConditions
        /// The line of the route in the pipeline file.
        public var line: Int

        /// Creates a route.
        public init(name: String, destination: String, isDefault: Bool = false, conditions: RouteConditions = RouteConditions(), line: Int = 0) {
            self.name = name
            self.destination = destination
            self.isDefault = isDefault
            self.conditions = conditions
            self.line = line
        }
    }

    /// A route's `when:`: each condition given must hold (a list is "any of"); a condition left out holds for
    /// every job.
    public struct RouteConditions: Sendable, Equatable {
        /// `category:`: the catalog category of every item's Product UID (`apparel`, `wall-art` ...).
        public var categories: [String]?
        /// `product_uid_prefix:`: the start of every item's Product UID (`flat_product_`).
        public var productUIDPrefixes: [String]?
        /// `customer:`: the store's customer reference ID.
        public var customers: [String]?
        /// `store:`: the store's id.
        public var stores: [String]?
        /// `country:`: the shipping country (ISO 3166-1 alpha-2).
        public var countries: [String]?

        /// Creates conditions; `nil` leaves a condition out.
        public init(
            categories: [String]? = nil, productUIDPrefixes: [String]? = nil, customers: [String]? = nil, stores: [String]? = nil,
            countries: [String]? = nil
        ) {
            self.categories = categories
            self.productUIDPrefixes = productUIDPrefixes
            self.customers = customers
            self.stores = stores
            self.countries = countries
        }
    }

    /// The most routes a pipeline file may give (a job's candidate routes are kept as bits of one word).
    public static let maximumRoutes = 64
}
