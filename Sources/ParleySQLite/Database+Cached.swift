import GRDB

/// Statements compiled once per connection and reused: the relay runs the same few statements for every message, and
/// compiling (with GRDB's authorizer pass) cost more than running them.
extension Database {
    func cachedRows(sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    /// The first row, copied (its columns can then be read by name), or `nil` when there is none.
    func cachedRow(sql: String, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try cachedFirstRow(sql: sql, arguments: arguments) { $0.copy() }
    }

    /// The first row, read in place by `read` (no copy of the row; read its columns by index, which skips GRDB's
    /// lookup of a column by its name), or `nil` when there is none.
    func cachedFirstRow<T>(
        sql: String, arguments: StatementArguments = StatementArguments(), _ read: (Row) throws -> T
    ) throws -> T? {
        let cursor = try Row.fetchCursor(cachedStatement(sql: sql), arguments: arguments)
        return try cursor.next().map(read)
    }

    func cachedBool(sql: String, arguments: StatementArguments = StatementArguments()) throws -> Bool? {
        try Bool.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    func cachedExecute(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
