import Foundation

/// Variations on the bundled fact sheets, for tests and benchmarks that need many
/// distinct documents: the n-th variant is dated n days after 1 January 2000 (so its
/// key differs) and states different amounts.
public enum SeedVariants {
    public static func text(_ n: Int, of document: Seed.Document) throws -> String {
        let original = try String(contentsOf: document.url, encoding: .utf8)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let first = calendar.date(from: DateComponents(year: 2000, month: 1, day: 1))!
        let day = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: n, to: first)!)
        let (y, m, d) = (day.year!, day.month!, day.day!)
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
