import ArgumentParser
import Foundation
import Hummingbird
import PledgeRegister
import PledgeWeb

/// `pledge serve`: the web application and JSON API over the register.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the register as a web application and JSON API.",
        discussion: """
            Pages work without JavaScript; the API is described at /api/v1/openapi.json.
            Anyone may read unless --private is given; recording progress always needs a user
            (see `pledge user add`).
            """)

    @OptionGroup var register: RegisterOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0 picks a free one).") var port = 8080
    @Flag(help: "Reads need a signed-in user or an API token too.") var `private` = false
    @Flag(help: "Send cookies over HTTPS only: for a server behind a TLS proxy.") var secureCookies = false
    @Option(help: "The largest document editors may upload, in megabytes.") var uploadLimit = 20

    func validate() throws {
        guard (1...1024).contains(uploadLimit) else { throw ValidationError("--upload-limit is in megabytes, from 1 to 1024") }
    }

    func run() async throws {
        let store = try await register.open()
        var options = WebOptions(privateReads: `private`, secureCookies: secureCookies)
        options.uploadLimit = uploadLimit << 20
        let settings = options
        let app = try await failing { try await WebApp(register: store, options: settings) }
        let host = self.host
        let application = app.application(host: host, port: port) { port in
            var out = StandardOutput()
            out.write("Pledge is serving \(register.shownLocation) at http://\(host):\(port)\n")
            out.flush()
        }
        try await application.runService()
    }
}

/// `pledge user`: the people who may sign in to a shared register.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add, list and remove the users of a register.", subcommands: [Add.self, ListUsers.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user and print their token, once.",
            discussion: "Only a hash of the token is kept: store it now, in a password manager. It signs in to `pledge serve` "
                + "in a browser, and authenticates API calls as 'Authorization: Bearer TOKEN'.")

        @OptionGroup var register: RegisterOptions
        @Argument(help: "The user's name, shown with everything they record.") var name: String
        @Option(help: "viewer (reads a private register), editor (also records progress) or admin.") var role: Role = .viewer

        func validate() throws {
            do { _ = try User.normalisedName(name) } catch { throw ValidationError("\(error)") }
        }

        func run() async throws {
            let store = try await register.open()
            let token = AccessToken.generate()
            try await failing {
                try await store.addUser(
                    User(name: try User.normalisedName(name), role: role, createdAt: Timestamp.string()),
                    tokenHash: AccessToken.hash(token))
            }
            print(token)
            printError("Added \(name) (\(role.rawValue)). The token above is shown once; only its hash is kept.")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a user: their token and every session they hold stop working at once.",
            discussion: "What they recorded stays in the register, under their name. To give someone a new token, remove them and add them again.")

        @OptionGroup var register: RegisterOptions
        @Argument(help: "The user's name.") var name: String

        func run() async throws {
            let store = try await register.open()
            try await failing { try await store.removeUser(name: name) }
            printError("Removed \(name); their token and sessions no longer work.")
        }
    }

    struct ListUsers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List users and their roles.")
        @OptionGroup var register: RegisterOptions

        func run() async throws {
            let store = try await register.open()
            for user in try await failing({ try await store.users() }) {
                print("\(user.name)\t\(user.role.rawValue)\t\(user.createdAt)")
            }
        }
    }
}

extension Role: ExpressibleByArgument {}
