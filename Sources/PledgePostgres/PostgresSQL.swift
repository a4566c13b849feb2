import PostgresNIO

/// A value to bind: the few kinds the register stores.
enum Value: Sendable {
    case text(String?)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case textArray([String])
}

/// A statement built in pieces, numbering its placeholders (`$1`, `$2`, …) as values are added.
struct SQL {
    var text: String
    var bindings = PostgresBindings()
    private var count = 0

    init(_ text: String = "") { self.text = text }

    /// Binds `value` and returns its placeholder.
    mutating func bind(_ value: Value) -> String {
        switch value {
        case .text(let s?): bindings.append(s)
        case .text(nil): bindings.appendNull()
        case .int(let i): bindings.append(i)
        case .double(let d): bindings.append(d)
        case .bool(let b): bindings.append(b)
        case .textArray(let a): bindings.append(a)
        }
        count += 1
        return "$\(count)"
    }

    mutating func bind(_ text: String) -> String { bind(.text(text)) }

    /// One row of a multi-row VALUES list.
    mutating func row(_ values: [Value]) -> String {
        "(" + values.map { bind($0) }.joined(separator: ", ") + ")"
    }

    mutating func append(_ more: String) { text += more }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: text, binds: bindings) }
}

extension PostgresRandomAccessRow {
    func string(_ column: String) throws -> String { try self[column].decode(String.self) }
    func optionalString(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    func int(_ column: String) throws -> Int { try self[column].decode(Int.self) }
    func bool(_ column: String) throws -> Bool { try self[column].decode(Bool.self) }
    func double(_ column: String) throws -> Double { try self[column].decode(Double.self) }
}
