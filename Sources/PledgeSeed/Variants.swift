import Foundation

/// Variations on the bundled fact sheets, for tests and benchmarks that need many
/// distinct documents: the n-th variant is dated n days after 1 January 2000 (so its
/// key differs) and states different amounts.
public enum SeedVariants {
    public static func text(_ n: Int, of document: Seed.Document) throws -> String {
        let original = try String(contentsOf: document.url, encoding: .utf8)
        let (y, m, d) = civil(n + 10_957)  // 2000-01-01 is day 10957 after 1970-01-01
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        var text = original
            .replacingOccurrences(of: "2024年4月10日", with: "\(y)年\(m)月\(d)日")
            .replacingOccurrences(of: "April 10, 2024", with: "\(months[m - 1]) \(d), \(y)")
        // Amounts change with the variant, so documents differ beyond their dates.
        text = text.replacingOccurrences(of: "150億", with: "\(100 + n % 900)億")
            .replacingOccurrences(of: "$2.9 billion", with: "$\(n % 90 + 1).\(n % 10) billion")
        return text
    }

    static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Writes `count` variants, alternating Japanese and English, into `folder`; returns their paths.
    public static func write(count: Int, to folder: URL, start: Int = 0) throws -> [String] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try (start..<(start + count)).map { n in
            let document = n % 2 == 0 ? Seed.japanUSFactSheetJA : Seed.japanUSFactSheetEN
            let url = folder.appendingPathComponent(String(format: "variant-%05d.%@.txt", n, n % 2 == 0 ? "ja" : "en"))
            try Data(text(n, of: document).utf8).write(to: url)
            return url.path
        }
    }
}
