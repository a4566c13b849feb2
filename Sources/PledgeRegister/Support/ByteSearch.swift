/// Where one UTF-8 text occurs in another, for the short texts an ingest looks into
/// (titles, time expressions). The standard library's generic `firstRange(of:)` and
/// Foundation's `range(of:)` each cost microseconds a call there.
enum ByteSearch {
    /// The byte offsets at which `needle` starts in `haystack`, in order.
    static func offsets(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard let first = needle.first, needle.count <= haystack.count else { return [] }
        var found: [Int] = []
        for i in 0...(haystack.count - needle.count)
        where haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) {
            found.append(i)
        }
        return found
    }

    static func contains(_ haystack: String, _ needle: String) -> Bool {
        !offsets(of: Array(needle.utf8), in: Array(haystack.utf8)).isEmpty
    }
}
