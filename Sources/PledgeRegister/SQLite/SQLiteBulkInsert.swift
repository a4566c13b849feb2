import GRDB
import GRDBSQLite

/// One INSERT prepared once and run many times within a write, binding Swift values
/// straight to SQLite. Ingest writes hundreds of rows per document; going through
/// `StatementArguments` for each doubled the writer's time.
final class SQLiteBulkInsert {
    private let statement: OpaquePointer
    private let connection: OpaquePointer
    private let sql: String

    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed database") }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.statement = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(statement) }

    /// Values for one row, in the order of the statement's placeholders.
    struct Row {
        fileprivate let statement: OpaquePointer
        fileprivate var index: Int32 = 1
        private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

        mutating func text(_ value: String?) {
            if let value {
                var value = value
                value.withUTF8 { bytes in
                    if let base = bytes.baseAddress {
                        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                            _ = sqlite3_bind_text(statement, index, $0, Int32(bytes.count), Self.transient)
                        }
                    } else {
                        _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
                    }
                }
            } else {
                sqlite3_bind_null(statement, index)
            }
            index += 1
        }

        mutating func int(_ value: Int?) {
            if let value { sqlite3_bind_int64(statement, index, Int64(value)) } else { sqlite3_bind_null(statement, index) }
            index += 1
        }

        mutating func double(_ value: Double) {
            sqlite3_bind_double(statement, index, value)
            index += 1
        }
    }

    func insert(_ bind: (inout Row) -> Void) throws {
        var row = Row(statement: statement)
        bind(&row)
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
    }
}
