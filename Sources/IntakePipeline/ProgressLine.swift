import Foundation

/// The one line of text a progress display shows for `ProgressCounters`: pure (counters and time in, text out), so
/// that it is tested without a terminal.
///
/// ```
/// [==========>                   ]  35%  12.3 MB / 35.1 MB  184,320 rows  52,110 rows/s  ETA 0:04  file 3/12 orders_03.csv
/// ```
/// The bar, the percentage and the ETA appear only when the inputs' total size is known; `file i/n name` only
/// with more than one input. What does not fit in `width` goes, in this order: the name is cut (from the left, the
/// end of a path says most), the bar shrinks, the name goes, the bar goes, the rate goes.
public enum ProgressLine {
    /// Renders the line.
    /// - Parameters:
    ///   - snapshot: the counters.
    ///   - elapsed: seconds since reading started (for rows/s and the ETA).
    ///   - width: the terminal's columns; the line takes at most `width - 1` (writing the last column would wrap
    ///     on some terminals).
    /// - Returns: the line, with no control characters.
    public static func render(_ snapshot: ProgressCounters.Snapshot, elapsed: Double, width: Int) -> String {
        let available = max(width - 1, 1)
        let fraction = snapshot.bytesTotal.map { total in
            total > 0 ? min(max(Double(snapshot.bytesDone) / Double(total), 0), 1) : 1
        }
        let percent = fraction.map { "\(Int($0 * 100))%" }
        let stats = [
            snapshot.bytesTotal.map { "\(bytes(snapshot.bytesDone)) / \(bytes($0))" } ?? bytes(snapshot.bytesDone),
            "\(grouped(snapshot.rows)) rows",
        ]
        let rate = elapsed > 0 ? "\(grouped(Int64((Double(snapshot.rows) / elapsed).rounded()))) rows/s" : "0 rows/s"
        var eta: String?
        if let fraction, fraction > 0, fraction < 1, elapsed > 0 {
            eta = "ETA " + duration(elapsed * (1 - fraction) / fraction)
        }
        let file = snapshot.inputCount > 1 ? "file \(snapshot.inputIndex)/\(snapshot.inputCount)" : nil
        let name = file == nil ? "" : sanitized(snapshot.inputName)

        func compose(bar cells: Int?, rate showRate: Bool, name shown: String?) -> String {
            var parts: [String] = []
            if let fraction, let percent {
                // Beside the bar, padded to 3 digits so that the line does not shift as the percentage grows.
                parts.append(cells.map { bar(fraction, cells: $0) + String(repeating: " ", count: 5 - percent.count) + percent } ?? percent)
            }
            parts += stats
            if showRate { parts.append(rate) }
            if let eta { parts.append(eta) }
            if let file { parts.append(shown.map { $0.isEmpty ? file : "\(file) \($0)" } ?? file) }
            return parts.joined(separator: "  ")
        }
        let hasBar = fraction != nil
        let choices: [(bar: Int?, rate: Bool, name: Bool)] = [
            (hasBar ? 30 : nil, true, true), (hasBar ? 20 : nil, true, true), (hasBar ? 10 : nil, true, true),
            (hasBar ? 10 : nil, true, false), (nil, true, true), (nil, true, false), (nil, false, false),
        ]
        for choice in choices {
            let skeleton = compose(bar: choice.bar, rate: choice.rate, name: nil)
            guard choice.name, !name.isEmpty else {
                if skeleton.count <= available { return skeleton }
                continue
            }
            let room = available - skeleton.count - 1
            if room >= min(name.count, 12) { return compose(bar: choice.bar, rate: choice.rate, name: cut(name, to: room)) }
        }
        return String(compose(bar: nil, rate: false, name: nil).prefix(available))
    }

    /// A byte count in decimal units: `999 B`, `12.3 KB`, `4.0 GB`.
    /// - Parameter count: bytes.
    /// - Returns: the text.
    public static func bytes(_ count: Int64) -> String {
        guard count >= 1000 else { return "\(max(count, 0)) B" }
        var value = Double(count)
        for unit in ["KB", "MB", "GB", "TB"] {
            value /= 1000
            if value < 999.95 || unit == "TB" { return String(format: "%.1f %@", value, unit) }
        }
        return "\(count) B"
    }

    /// A duration as `m:ss` (minutes unbounded: `75:03`).
    /// - Parameter seconds: the duration.
    /// - Returns: the text.
    public static func duration(_ seconds: Double) -> String {
        let total = seconds.isFinite ? max(Int(seconds.rounded(.up)), 0) : 0
        let secondsPart = total % 60
        return "\(total / 60):\(secondsPart < 10 ? "0" : "")\(secondsPart)"
    }

    private static func bar(_ fraction: Double, cells: Int) -> String {
        let filled = Int(fraction * Double(cells))
        if filled >= cells { return "[" + String(repeating: "=", count: cells) + "]" }
        return "[" + String(repeating: "=", count: filled) + ">" + String(repeating: " ", count: cells - filled - 1) + "]"
    }

    private static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return value < 0 ? "-" + text : text
    }

    /// The name without control characters (a file name may hold any), which would garble the terminal.
    private static func sanitized(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
    }

    /// The end of `name` in at most `room` characters, `...` marking the cut.
    private static func cut(_ name: String, to room: Int) -> String {
        guard name.count > room else { return name }
        guard room > 3 else { return String(name.suffix(max(room, 0))) }
        return "..." + name.suffix(room - 3)
    }
}
