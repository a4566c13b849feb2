import Foundation
import Logging
import PledgePostgres
import PostgresNIO
import PledgeTestSupport

/// The PostgreSQL server the tests use: `PLEDGE_TEST_POSTGRES=postgres://user@host:port/db`,
/// which `.ci/run` sets after starting a throwaway cluster (`.ci/postgres`). Without it the
/// PostgreSQL tests are skipped, saying so.
enum TestPostgres {
    static let skipMessage = "PLEDGE_TEST_POSTGRES is not set: the PostgreSQL register's tests need a server (.ci/run starts one)"

    static var url: String? {
        ProcessInfo.processInfo.environment["PLEDGE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the PostgreSQL tests run: with a server, or failing for want of one where
    /// `PLEDGE_REQUIRE_OPTIONAL_TOOLS=1` says every test must run.
    static var configured: Bool { url != nil || OptionalTool.required }

    /// `.ci/postgres`, which stops and starts the test server, for the tests that interrupt it.
    static var control: String? { ProcessInfo.processInfo.environment["PLEDGE_TEST_POSTGRES_CONTROL"] }

    /// A new, empty database on the test server; its address.
    static func freshDatabase() async throws -> String {
        guard let url, var components = URLComponents(string: url) else { throw CancellationError() }
        let name = "pledge_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        var configuration = PostgresClient.Configuration(
            host: components.host ?? "127.0.0.1", port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: components.path.split(separator: "/").first.map(String.init), tls: .disable)
        configuration.options.maximumConnections = 1
        let client = PostgresClient(configuration: configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            group.cancelAll()
        }
        components.path = "/" + name
        return components.string!
    }
}
