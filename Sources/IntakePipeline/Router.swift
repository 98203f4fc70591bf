import IntakeModel

/// Which route of `output.routes` a job of one orders stage goes to (``PipelineFile/Route``): the first route, in
/// the order of the file, whose conditions all hold, else the default route.
///
/// A route is a bit of a 64-bit mask (route `i` is bit `i`; the default route's bit is never set): a job's mask is
/// the routes its store and customer allow (fixed for the stage), and its shipping country allows, and every one of
/// its items allows (by the item's Product UID: its catalog category and its prefix). The first set bit is the
/// route. The orders fast lane keeps an item mask per connection, made once per stage, so routing a clean order
/// costs an `and` per line and a table look-up per order.
struct Router: Sendable {
    /// The routes, in the order of the file.
    let routes: [PipelineFile.Route]
    /// The index of the default route.
    let defaultRoute: Int
    /// The routes whose `store` and `customer` conditions hold for this stage's store.
    let stageMask: UInt64
    /// The routes without a `country` condition.
    let anyCountry: UInt64
    /// The routes that take each country, `AA` … `ZZ` as `0..<676`, `anyCountry` included.
    let countryMasks: [UInt64]
    /// The routes without item conditions.
    private let anyItem: UInt64
    private let catalog: Catalog?

    /// The router of an orders stage.
    /// - Parameters:
    ///   - routes: `output.routes` (with exactly one default route).
    ///   - catalog: the catalog whose categories `category` conditions name (without one, no item has a category).
    ///   - store: the stage's store id.
    ///   - customer: the store's customer reference ID.
    init(routes: [PipelineFile.Route], catalog: Catalog?, store: String, customer: String) {
        self.routes = routes
        self.catalog = catalog
        defaultRoute = routes.firstIndex { $0.isDefault } ?? max(routes.count - 1, 0)
        var stageMask: UInt64 = 0
        var anyCountry: UInt64 = 0
        var anyItem: UInt64 = 0
        var countryMasks = [UInt64](repeating: 0, count: 26 * 26)
        for (index, route) in routes.enumerated() where !route.isDefault {
            let bit: UInt64 = 1 << UInt64(index)
            let conditions = route.conditions
            if conditions.stores.map({ $0.contains(store) }) ?? true, conditions.customers.map({ $0.contains(customer) }) ?? true {
                stageMask |= bit
            }
            if let countries = conditions.countries {
                for country in countries {
                    let bytes = Array(country.utf8)
                    if let slot = Self.countrySlot(bytes.count, bytes.first ?? 0, bytes.last ?? 0) { countryMasks[slot] |= bit }
                }
            } else {
                anyCountry |= bit
            }
            if conditions.categories == nil && conditions.productUIDPrefixes == nil { anyItem |= bit }
        }
        for slot in countryMasks.indices { countryMasks[slot] |= anyCountry }
        self.stageMask = stageMask
        self.anyCountry = anyCountry
        self.countryMasks = countryMasks
        self.anyItem = anyItem
    }

    /// The route of a job whose conditions leave `mask`: its first route, else the default.
    @inline(__always)
    func route(_ mask: UInt64) -> Int {
        mask == 0 ? defaultRoute : mask.trailingZeroBitCount
    }

    /// The routes whose item conditions hold for an item of `productUID`.
    func itemMask(productUID: String) -> UInt64 {
        var mask = anyItem
        let category = catalog?[ProductUID(productUID)]?.category
        for (index, route) in routes.enumerated() where !route.isDefault && anyItem & (1 << UInt64(index)) == 0 {
            let conditions = route.conditions
            if let categories = conditions.categories {
                guard let category, categories.contains(category) else { continue }
            }
            if let prefixes = conditions.productUIDPrefixes, !prefixes.contains(where: { productUID.hasPrefix($0) }) { continue }
            mask |= 1 << UInt64(index)
        }
        return mask
    }

    /// The routes whose country condition holds for a shipping country (its UTF-8 bytes).
    @inline(__always)
    func countryMask(_ country: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard country.count == 2, let slot = Self.countrySlot(2, country[0], country[1]) else { return anyCountry }
        return countryMasks[slot]
    }

    /// The route of a job of the full path.
    func route(of job: ProductionJob) -> Int {
        var country = job.shippingAddress.country
        var mask = stageMask & country.withUTF8 { countryMask($0) }
        for item in job.items where mask != 0 { mask &= itemMask(productUID: item.productUid) }
        return route(mask)
    }

    /// `AA` … `ZZ` as `0..<676` (ISO codes are uppercase: anything else matches no `country` condition).
    @inline(__always)
    static func countrySlot(_ count: Int, _ first: UInt8, _ second: UInt8) -> Int? {
        let a = first &- UInt8(ascii: "A"), b = second &- UInt8(ascii: "A")
        guard count == 2, a < 26, b < 26 else { return nil }
        return Int(a) * 26 + Int(b)
    }
}

/// A `Router` as the orders fast lane uses it: masks in raw memory, made once per input, so that the lane's state
/// stays trivial (no reference counting, no bigger copies per row) and costs nothing when nothing is routed.
struct LaneRoutes {
    let stageMask: UInt64
    let anyCountry: UInt64
    let defaultRoute: Int
    /// 676 masks, by `Router.countrySlot`.
    let countryMasks: UnsafeMutablePointer<UInt64>
    /// Per connection (by its index in `ConnectionIndex.reachable`), the routes its Product UID allows.
    let itemMasks: UnsafeMutablePointer<UInt64>
    let itemCount: Int

    /// Allocates the masks of `router` for `connections` (free them with `free()`).
    init(_ router: Router, connections: [Connection]) {
        stageMask = router.stageMask
        anyCountry = router.anyCountry
        defaultRoute = router.defaultRoute
        countryMasks = .allocate(capacity: router.countryMasks.count)
        countryMasks.initialize(from: router.countryMasks, count: router.countryMasks.count)
        itemCount = connections.count
        itemMasks = .allocate(capacity: max(connections.count, 1))
        // Once per Product UID, as the lane's product check.
        var byUID: [String: UInt64] = [:]
        for (index, connection) in connections.enumerated() {
            let uid = connection.productUID.rawValue
            let mask = byUID[uid] ?? router.itemMask(productUID: uid)
            byUID[uid] = mask
            (itemMasks + index).initialize(to: mask)
        }
    }

    func free() {
        countryMasks.deallocate()
        itemMasks.deallocate()
    }

    /// The routes a shipping country allows.
    @inline(__always)
    func countryMask(_ country: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard country.count == 2, let slot = Router.countrySlot(2, country[0], country[1]) else { return anyCountry }
        return countryMasks[slot]
    }

    /// The routes the connection at `index` allows.
    @inline(__always)
    func itemMask(_ index: Int) -> UInt64 {
        index >= 0 && index < itemCount ? itemMasks[index] : 0
    }

    /// The route of a job whose conditions leave `mask`.
    @inline(__always)
    func route(_ mask: UInt64) -> Int {
        mask == 0 ? defaultRoute : mask.trailingZeroBitCount
    }
}
