public import Foundation
import ParleyCore
import ParleyText
import Logging
import Synchronization

extension RelayConfiguration {
    /// Builds the configuration from its sources. Priority: `commandLine` > `environment` > `file` > defaults.
    /// - Parameters:
    ///   - file: a JSON file whose keys are ``ConfigurationKey/fileKey`` values, plus `sites`.
    ///   - environment: the process environment; only `PARLEY_*` variables of ``ConfigurationKey/all`` are read.
    ///   - commandLine: values given on the command line, by file key (`"port": "9000"`).
    public static func load(
        file: String?, environment: [String: String], commandLine: [String: String]
    ) throws(ConfigurationError) -> RelayConfiguration {
        var configuration = RelayConfiguration()
        if let file { try configuration.apply(fileAt: file) }
        for key in ConfigurationKey.all {
            if let value = environment[key.environmentVariable] { try key.apply(value, to: &configuration) }
        }
        for key in ConfigurationKey.all {
            if let value = commandLine[key.fileKey] { try key.apply(value, to: &configuration) }
        }
        return configuration
    }

    /// Applies a JSON configuration file.
    public mutating func apply(fileAt path: String) throws(ConfigurationError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError("\(path): cannot read the configuration file.")
        }
        try apply(json: data, source: path)
    }

    /// Applies JSON configuration text; `source` names it in errors.
    public mutating func apply(json data: Data, source: String) throws(ConfigurationError) {
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw ConfigurationError("\(source): expected a JSON object.")
        }
        let keys = Dictionary(uniqueKeysWithValues: ConfigurationKey.all.map { ($0.fileKey, $0) })
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            if name == "sites" {
                sites = try Self.sites(value, source: source)
                continue
            }
            guard let key = keys[name] else {
                let known = (keys.keys.sorted() + ["sites"]).joined(separator: ", ")
                throw ConfigurationError("\(source): unknown key '\(name)'. Known keys: \(known).")
            }
            guard let text = value.scalarText else {
                throw ConfigurationError("\(source): '\(name)' must be a string, number or boolean.")
            }
            try key.apply(text, to: &self)
        }
    }

    private static func sites(_ value: JSONValue, source: String) throws(ConfigurationError) -> [Site] {
        guard case .array(let list) = value else {
            throw ConfigurationError("\(source): sites must be a list of objects.")
        }
        var sites: [Site] = []
        for (index, entry) in list.enumerated() {
            guard case .object(let fields) = entry, case .string(let id)? = fields["id"], !id.isEmpty else {
                throw ConfigurationError("\(source): sites[\(index)] needs a string 'id'.")
            }
            var origins: [String] = []
            if case .array(let values)? = fields["allowedOrigins"] { origins = values.compactMap(\.scalarText) }
            let language = fields["defaultLanguage"]?.scalarText.flatMap { LanguageCode(parsing: $0) } ?? .english
            sites.append(Site(id: SiteID(id), name: fields["name"]?.scalarText ?? id, allowedOrigins: origins,
                              defaultLanguage: language))
        }
        return sites
    }
}

/// Any JSON value, for reading configuration files.
enum JSONValue: Codable, Equatable, Sendable {
    case string(String), number(Double), bool(Bool), array([JSONValue]), object([String: JSONValue]), null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// A string, number or boolean as text; `nil` for lists, objects and null.
    var scalarText: String? {
        switch self {
        case .string(let value): value
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }
}

extension JSONValue {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}
