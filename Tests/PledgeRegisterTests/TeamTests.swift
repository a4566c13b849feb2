import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PledgePostgres
import PledgeRegister
import PledgeTestSupport
import Testing

/// A team on one PostgreSQL register: two `pledge serve` processes, many writers, a database
/// that restarts or goes away. Needs the test server and `.ci/postgres` to restart it.
extension PostgresTests {
@Suite struct Team {
    /// A keep-alive HTTP connection with a read timeout, opened again after a failure; a
    /// request that fails is status 0.
    actor Client {
        let host: String
        let port: Int
        var connection: TestClient?

        init(_ base: String) {
            let url = URLComponents(string: base)!
            host = url.host!
            port = url.port!
        }

        func send(_ path: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: String? = nil) async -> (Int, Data) {
            let connection = self.connection ?? {
                let fresh = TestClient(host: host, port: port, configuration: .init(timeout: .seconds(20)))
                fresh.connect()
                return fresh
            }()
            self.connection = connection
            let request = TestClient.Request(path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
            do {
                // The client's own timeout waits for a request that a dropped connection never ends.
                let response = try await withDeadline(.seconds(20), timeout: { CancellationError() }) {
                    try await connection.execute(request)
                }
                return (response.status.code, response.body.map { Data(buffer: $0) } ?? Data())
            } catch {
                self.connection = nil
                Task { try? await connection.shutdown() }
                return (0, Data())
            }
        }

        func close() async {
            try? await connection?.shutdown()
            connection = nil
        }
    }

    /// Runs a blocking call (a child process) on a thread of its own, so the writers' tasks
    /// keep the concurrency pool, which has a thread per core, to themselves.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Stops, starts or restarts the test server. Through `system`, not `Process`: the server
    /// it starts lives on, and Foundation's `Process` was seen never to notice that the script
    /// had ended.
    static func control(_ command: String) async throws {
        let script = try #require(TestPostgres.control, "PLEDGE_TEST_POSTGRES_CONTROL names .ci/postgres")
        let status = try await onThread { system("bash '\(script)' \(command) > /dev/null") }
        try #require(status == 0, "\(script) \(command) failed (\(status))")
    }

    enum Outcome: Sendable { case stored, refused }

    /// One writer's event on one item, as a careful client records it: read the version,
    /// post with If-Match; when the answer is lost (the database restarting), look in the
    /// item's history before trying again, so nothing is recorded twice.
    static func record(note: String, item: String, clients: [Client], first: Int, token: String) async throws -> Outcome {
        let path = "/api/v1/items/" + item.replacingOccurrences(of: "#", with: "%23")
        var attempt = 0
        while true {
            attempt += 1
            try #require(attempt < 200, "no answer for \(note)")
            let client = clients[(first + attempt) % clients.count]
            let (status, body) = await client.send(path)
            guard status == 200, let detail = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
                  let version = detail["version"] as? Int, let history = detail["history"] as? [[String: Any]]
            else {
                try await Task.sleep(for: .milliseconds(100))
                continue
            }
            if attempt > 1 && history.contains(where: { $0["note"] as? String == note }) { return .stored }
            let (posted, _) = await client.send(
                path + "/events", method: .post,
                headers: [.authorization: "Bearer \(token)", .ifMatch: "\"\(version)\"", .contentType: "application/json"],
                body: #"{"status": "in_the_works", "note": "\#(note)", "date": "2024-06-01"}"#)
            switch posted {
            case 201: return .stored
            case 409: return .refused
            default: try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    @Test func twoServersSixteenWritersAndARestartLoseNothing() async throws {
        let database = try await TestPostgres.freshDatabase()
        let added = try await Self.onThread { try CommandLineTool.run(["user", "add", "desk", "--role", "editor", "--database", database]) }
        try #require(added.status == 0, "\(added.err)")
        let token = added.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let first = try await ServeProcess(database: database), second = try await ServeProcess(database: database)
        let items = (1...32).map { "2024-04-10-japan-us#\($0)" }
        let writers = 16, events = 500

        let restart = Task {
            try await Task.sleep(for: .seconds(4))
            try await Self.control("restart")
        }
        let outcomes = try await withThrowingTaskGroup(of: [String: Outcome].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    // Each writer talks to both servers, over connections of its own.
                    let clients = [Client(first.base), Client(second.base)]
                    var mine: [String: Outcome] = [:]
                    for n in 0..<events {
                        // Writers overlap: at every step two writers record on the same item.
                        let note = "writer \(writer) event \(n)"
                        let item = items[(n + writer / 2) % items.count]
                        // Events alternate between the servers.
                        mine[note] = try await Self.record(note: note, item: item, clients: clients, first: n, token: token)
                    }
                    for client in clients { await client.close() }
                    return mine
                }
            }
            return try await group.reduce(into: [:]) { $0.merge($1) { a, _ in a } }
        }
        try await restart.value

        #expect(outcomes.count == writers * events, "every event was answered")
        let stored = Set(outcomes.filter { $0.value == .stored }.map(\.key))
        let register = try await PostgresRegister.open(url: database)
        let history = try await register.events()
        let notes = history.compactMap(\.note)
        #expect(notes.count == Set(notes).count, "no event is stored twice")
        #expect(Set(notes) == stored, "every event reported stored is in the register, and only those")
        let refused = outcomes.values.filter { $0 == .refused }.count
        #expect(stored.count + refused == writers * events)
        #expect(history.count == stored.count)
        for item in items {
            let versions = history.filter { $0.item == item }.map(\.version)
            #expect(versions == Array(2..<(2 + versions.count)), "\(item): versions without gaps or repeats")
        }
    }

    @Test func aLostDatabaseIsReportedAndTheServerRecovers() async throws {
        let database = try await TestPostgres.freshDatabase()
        let server = try await ServeProcess(database: database)
        let client = Client(server.base)
        let uri = "/api/v1/items?limit=1&q=" + "量子".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        #expect(await client.send(uri).0 == 200)
        try await Self.control("stop")
        do {
            let (status, body) = await client.send(uri + "&after=stop")
            #expect(status == 503)
            let message = String(decoding: body, as: UTF8.self)
            // The client hears that the database is down and gets a request id; where it is stays in the log.
            #expect(message.contains("not answering") && message.contains("request "), "\(message)")
            #expect(!message.contains("127.0.0.1") && !message.contains("postgres"), "\(message)")
            let list = try await Self.onThread { try CommandLineTool.run(["list", "--database", database]) }
            #expect(list.status == 1)
            #expect(list.err.contains("unavailable") && list.err.contains("127.0.0.1"), "\(list.err)")
        }
        try await Self.control("start")
        var recovered = false
        for _ in 0..<50 where !recovered {
            recovered = await Client(server.base).send(uri + "&after=start").0 == 200
            if !recovered { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(recovered, "the same server answers again once the database is back")
        await client.close()
    }
}
}
