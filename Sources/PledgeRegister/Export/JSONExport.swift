import Foundation

/// The lossless JSON form of a register (`pledge-register/1`).
public enum JSONExport {
    public static func encode(_ archive: RegisterArchive) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(archive)
    }

    public static func decode(_ data: Data, file: String) throws -> RegisterArchive {
        do {
            return try JSONDecoder().decode(RegisterArchive.self, from: data)
        } catch let error as DecodingError {
            throw RegisterError.invalid("\(file): not a Pledge register export (\(describe(error)))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c): return c.debugDescription
        case .keyNotFound(let key, let c): return "missing '\(key.stringValue)' at \(path(c))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(c.debugDescription) at \(path(c))"
        @unknown default: return "unreadable"
        }
    }

    static func path(_ c: DecodingError.Context) -> String {
        c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
