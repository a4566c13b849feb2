import Foundation
import PledgeRegister
import NIOSSL
import PostgresNIO

/// A `postgres://user:password@host:port/database` address, read into a client
/// configuration. `?sslmode=disable|prefer|require` chooses TLS (prefer by default).
/// Pledge keeps its tables in the schema `pledge`, so the database may hold others.
public struct PostgresLocation: Sendable {
    public static let schema = "pledge"

    public var configuration: PostgresClient.Configuration
    /// The same address for one connection made directly (`PostgresRegister.probe`).
    public var connection: PostgresConnection.Configuration
    /// The address without its password, for messages.
    public var display: String

    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// `text` with the password of any `scheme://user:password@host` replaced by `…`, found
    /// by its punctuation alone, so that even an address that does not parse is safe to print.
    public static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<authority.index(after: colon)]) + "…" + String(text[at...])
    }

    static func tlsContext() throws -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: .makeClientConfiguration())
        } catch {
            throw RegisterError.invalid("TLS could not be set up for PostgreSQL (\(error)); try ?sslmode=disable on a trusted network")
        }
    }

    public init(_ text: String) throws {
        guard Self.isPostgres(text), let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw RegisterError.invalid("'\(Self.redacted(text))' is not a PostgreSQL address like postgres://user:password@host:5432/database")
        }
        let user = url.user?.removingPercentEncoding ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let database = url.path.split(separator: "/").first.map { String($0).removingPercentEncoding ?? String($0) }
        let mode = url.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        let connectionTLS: PostgresConnection.Configuration.TLS
        switch mode {
        case "disable": (tls, connectionTLS) = (.disable, .disable)
        case "prefer": (tls, connectionTLS) = (.prefer(.makeClientConfiguration()), .prefer(try Self.tlsContext()))
        case "require": (tls, connectionTLS) = (.require(.makeClientConfiguration()), .require(try Self.tlsContext()))
        default: throw RegisterError.invalid("sslmode must be disable, prefer or require, not '\(mode)'")
        }
        configuration = PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: user, password: url.password?.removingPercentEncoding,
            database: database, tls: tls)
        configuration.options.additionalStartupParameters = [("search_path", Self.schema + ", public"), ("application_name", "pledge")]
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 16
        connection = PostgresConnection.Configuration(
            host: host, port: url.port ?? 5432, username: user, password: url.password?.removingPercentEncoding,
            database: database, tls: connectionTLS)
        connection.options.additionalStartupParameters = configuration.options.additionalStartupParameters
        connection.options.connectTimeout = .seconds(5)
        var shown = url
        if shown.password != nil { shown.password = "…" }
        display = shown.string ?? Self.redacted(text)
    }
}
