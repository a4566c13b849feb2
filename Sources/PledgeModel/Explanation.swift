/// A sentence Pledge says to the person using it about what they gave it: why a write was
/// refused, why a file could not be read. An interface says it in its visitor's language:
/// `key` names it in the interface's catalogues (as `explain.` + key), `values` fill its
/// `{placeholders}`, and `english` is the template the command line and the API say.
///
/// A sentence written as a plain string has no key and is said in English everywhere; that
/// is for what only the command line meets (archives, database addresses).
public struct Explanation: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public let key: String?
    public let english: String
    public let values: [String: String]
    /// What lies behind it, said in its place `{reason}`: a file could not be stored
    /// *because* the reader found binary data.
    public var cause: Explanation? { causes.first }
    private let causes: [Explanation]

    /// A sentence other languages translate: `english` as a template, such as
    /// `"no document {key} in the register"` with `values` `["key": "2024-x"]`.
    public init(_ key: String, _ english: String, _ values: [String: String] = [:], because cause: Explanation? = nil) {
        self.key = key
        self.english = english
        self.values = values
        causes = cause.map { [$0] } ?? []
    }

    public init(stringLiteral value: String) {
        key = nil
        english = value
        values = [:]
        causes = []
    }

    public init(stringInterpolation: DefaultStringInterpolation) {
        self.init(stringLiteral: String(stringInterpolation: stringInterpolation))
    }

    /// The sentence in English.
    public var description: String { say { $0.english } }

    /// The sentence with `template` giving each keyed sentence's words in some language
    /// (`nil`: its English); `{reason}` is the cause, said the same way.
    public func say(_ template: (Explanation) -> String?) -> String {
        guard key != nil else { return english }
        var values = self.values
        if let cause { values["reason"] = cause.say(template) }
        return Self.fill(template(self) ?? english, values)
    }

    /// `template` with each `{name}` replaced by its value, in one pass: a value that holds
    /// braces of its own (a user's text) is never read as a placeholder.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        guard !values.isEmpty else { return template }
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let value = values[String(after[..<close])] {
                out += value
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }
}
