import Foundation

/// What a user of a shared register may do.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// Reads a register whose server keeps reads for signed-in users.
    case viewer
    /// Also records tracking events.
    case editor
    /// Also everything else a server offers; the most trusted role.
    case admin

    public var canRecord: Bool { self != .viewer }

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Someone who signs in to a shared register. The register keeps only a hash of their
/// token, so a stolen register file gives no one a way in.
public struct User: Sendable, Codable, Equatable {
    public var name: String
    public var role: Role
    public var createdAt: String

    public init(name: String, role: Role, createdAt: String) {
        self.name = name
        self.role = role
        self.createdAt = createdAt
    }
}

extension User {
    /// A user name as every store keeps it: trimmed, in Unicode normal form C, 1 to 80
    /// characters without control characters. `Rene\u{301}` and `René` are one name, as
    /// they look alike and Swift compares them equal.
    public static func normalisedName(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !trimmed.isEmpty, trimmed.count <= 80,
              !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw RegisterError.invalid("a user name is 1 to 80 characters, without control characters")
        }
        return trimmed
    }

    /// This user with the name normalised, as stores take it.
    public func normalised() throws -> User {
        var user = self
        user.name = try Self.normalisedName(name)
        return user
    }
}

/// The key a register keeps for signing sessions: 32 random bytes, stored as hex.
public enum SigningKey {
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
        }.joined()
    }

    public static func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).compactMap {
            UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)
        }
    }
}
