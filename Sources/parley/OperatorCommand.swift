import ArgumentParser
import Foundation
import ParleyCore
import ParleySQLite
import ParleyServer
import ParleyText

/// `parley operator add|list`: manage the people who answer visitors.
struct OperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator", abstract: "Add and list operators.", subcommands: [Add.self, List.self])

    struct StoreOptions: ParsableArguments {
        @Option(name: .customLong("data-dir"), help: "The relay's data directory (default .parley-data).")
        var dataDir: String = ProcessInfo.processInfo.environment["PARLEY_DATA_DIR"] ?? ".parley-data"

        func open() throws -> SQLiteChatStore {
            try SQLiteChatStore(directory: URL(fileURLWithPath: dataDir))
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an operator. Without --password-stdin a random password is generated and printed.")

        @OptionGroup var store: StoreOptions
        @Option(help: "The name visitors see.") var name: String
        @Option(help: "The login (default: the name, lowercased).") var login: String?
        @Option(help: "The language the operator reads and writes: de, en, et or tr.") var language: String
        @Option(help: "The site the operator answers for (default demo).") var site: String = "demo"
        @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of standard input.")
        var passwordFromStandardInput = false

        func run() async throws {
            guard let code = LanguageCode(parsing: language), LanguageCode.supported.contains(code) else {
                throw ValidationError("Unknown language '\(language)'. Supported: de, en, et, tr.")
            }
            let store = try store.open()
            guard try await store.site(SiteID(site)) != nil else {
                let known = try await store.sites().map(\.id.rawValue).joined(separator: ", ")
                throw ValidationError("There is no site '\(site)'. Sites: \(known.isEmpty ? "none" : known). "
                    + "Create one with the 'sites' key of the configuration file, or run 'parley serve --demo' once.")
            }
            let password = passwordFromStandardInput ? (readLine() ?? "") : Self.generatePassword()
            guard password.count >= 8 else { throw ValidationError("The password needs at least 8 characters.") }
            let account = OperatorAccount(
                id: .random(prefix: "o"), siteID: SiteID(site), login: login ?? name.lowercased(), name: name,
                language: code, passwordHash: try await hashOperatorPassword(password), createdAt: .now)
            do {
                try await store.addOperator(account)
            } catch let error as StoreError where error.code == .duplicate {
                throw ValidationError("The login '\(account.login)' is taken; choose another with --login.")
            }
            print("Added operator '\(account.login)' (\(account.name), \(code)) to site '\(site)'.")
            if !passwordFromStandardInput { print("Password: \(password)") }
        }

        static func generatePassword() -> String {
            let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
            var generator = SystemRandomNumberGenerator()
            return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List operators.")

        @OptionGroup var store: StoreOptions
        @Option(help: "Only this site's operators.") var site: String?

        func run() async throws {
            let operators = try await store.open().operators(of: site.map { SiteID($0) })
            print("login\tname\tlanguage\tsite")
            for account in operators {
                print("\(account.login)\t\(account.name)\t\(account.language)\t\(account.siteID)")
            }
        }
    }
}
