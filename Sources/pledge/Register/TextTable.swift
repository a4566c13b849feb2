/// A plain table for a terminal, with columns measured in display cells
/// (CJK characters take two), cutting over-long cells with an ellipsis.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Widest a column may be, per column; `nil` for no limit.
    var limits: [Int?]

    init(_ header: [String], limits: [Int?]? = nil) {
        self.header = header
        self.limits = limits ?? header.map { _ in nil }
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let all = [header] + rows
        var widths = header.map { _ in 0 }
        for row in all {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], min(Self.width(cell), limits[i] ?? Int.max)) }
        }
        var out = ""
        for (n, row) in all.enumerated() {
            var line = ""
            for (i, cell) in row.enumerated() {
                let fitted = Self.fit(cell, widths[i])
                line += fitted
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - Self.width(fitted) + 2) }
            }
            out += line + "\n"
            if n == 0 { out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    static func cellWidth(_ s: Unicode.Scalar) -> Int {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return s.properties.generalCategory == .nonspacingMark ? 0 : 1
        }
    }

    static func width(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + cellWidth($1) } }

    static func fit(_ text: String, _ width: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        guard Self.width(flat) > width else { return flat }
        var out = "", used = 0
        for s in flat.unicodeScalars {
            let w = cellWidth(s)
            if used + w > width - 1 { break }
            out.unicodeScalars.append(s)
            used += w
        }
        return out + "…"
    }
}
