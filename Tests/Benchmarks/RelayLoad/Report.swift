import Foundation

/// The side-by-side table `make bench-relay` prints.
struct Report {
    struct Column {
        var name: String
        var scenarios: [ScenarioResult] = []
        var idleBytesPerSocket: Double?
        /// The CPUs the kernel let the relay run on (`Cpus_allowed_list`).
        var cpus: String?
    }

    var counts: [Int]
    var columns: [Column] = []
    var p99Limit = 50.0
    /// The CPUs the kernel let the load generator run on.
    var generatorCPUs: String?

    func markdown(idle: Bool = true) -> String {
        var lines = [
            "| measure | " + columns.map(\.name).joined(separator: " | ") + " |",
            "|---|" + String(repeating: "---|", count: columns.count),
            row("CPUs the relay / the load generator may run on (the kernel's lists, of \(MachineProbe.cores) online)") {
                "\($0.cpus ?? "?") / \(generatorCPUs ?? "?")"
            },
        ]
        for (index, count) in counts.enumerated() {
            lines.append(row("**\(count) conversations**") { _ in "" })
            lines.append(
                row("peak delivered msg/s with p99 < 50 ms") { c in
                    c.scenarios[index].peak(p99Limit: p99Limit).map { fmt($0.deliveredPerSecond, 0) } ?? "none"
                })
            lines.append(
                row("peak as a share of the bare relay's (the issue's bar: ≥ 40%)") { c in shareOfBare(c, at: index) })
            lines.append(
                row("capacity: highest msg/s delivered in full (p99 ms)") { c in
                    c.scenarios[index].capacity.map { "\(fmt($0.deliveredPerSecond, 0)) (\(fmt($0.window.p99, 0)))" } ?? "none"
                })
            lines.append(
                row("light load p50 / p99 / max (ms)") { c in
                    c.scenarios[index].light.map {
                        "\(fmt($0.window.p50)) / \(fmt($0.window.p99)) / \(fmt($0.window.max))"
                    } ?? "-"
                })
            lines.append(
                row("disk during the light step: 4 KiB + fdatasync every 100 ms, p50 / p90 / max (ms)") { c in
                    let syncs = c.scenarios[index].lightDiskSyncs
                    guard let last = syncs.last else { return "-" }
                    return "\(fmt(syncs[syncs.count / 2])) / \(fmt(syncs[syncs.count * 9 / 10])) / \(fmt(last))"
                })
            lines.append(
                row("server CPU µs per message, light load / at peak") { c in
                    let light = c.scenarios[index].light.map { fmt($0.cpuMicrosPerMessage, 1) } ?? "-"
                    let peak = c.scenarios[index].peak(p99Limit: p99Limit).map { fmt($0.cpuMicrosPerMessage, 1) } ?? "-"
                    return "\(light) / \(peak)"
                })
            lines.append(
                row(
                    "server CPU µs per message at peak: event loops / other threads "
                        + "(Parley: the analysis and SQLite's writer)"
                ) { c in
                    guard let peak = c.scenarios[index].peak(p99Limit: p99Limit) else { return "-" }
                    let loops = peak.perMessage(peak.eventLoopCPUSeconds)
                    return "\(fmt(loops, 1)) / \(fmt(max(peak.cpuMicrosPerMessage - loops, 0), 1))"
                })
            lines.append(
                row("load generator CPU µs per message, light load / at peak") { c in
                    let light = c.scenarios[index].light.map { fmt($0.generatorMicrosPerMessage, 1) } ?? "-"
                    let peak = c.scenarios[index].peak(p99Limit: p99Limit).map { fmt($0.generatorMicrosPerMessage, 1) }
                    return "\(light) / \(peak ?? "-")"
                })
            lines.append(
                row("cores at the peak: relay / load generator / idle (of \(MachineProbe.cores))") { c in
                    c.scenarios[index].peak(p99Limit: p99Limit).map { cores($0.whole.cores) } ?? "-"
                })
            lines.append(
                row("each step: offered → delivered msg/s (p99 ms, server CPU µs per message)") { c in
                    c.scenarios[index].steps.map {
                        "\($0.offered) → \(fmt($0.deliveredPerSecond, 0)) (\(fmt($0.window.p99, 0)), \(fmt($0.cpuMicrosPerMessage, 0)))"
                    }.joined(separator: ", ")
                })
            lines.append(
                row("resident memory (MiB)") { c in fmt(Double(c.scenarios[index].residentBytes) / 1_048_576, 1) })
            lines.append(
                row("2× overload: offered / delivered msg/s / busy / acked-undelivered") { c in
                    guard let o = c.scenarios[index].overload else { return "-" }
                    return
                        "\(o.offered) / \(fmt(o.deliveredPerSecond, 0)) / \(o.window.busy) / \(c.scenarios[index].overloadUndeliveredAcks)"
                })
            lines.append(
                row("2×: cores while it sends, relay / load generator / idle (of \(MachineProbe.cores))") { c in
                    c.scenarios[index].overload.map { cores($0.sending.cores) } ?? "-"
                })
            lines.append(
                row("2×: conversations started during the step, p50 / max (ms)") { c in
                    let starts = c.scenarios[index].startsUnderOverload
                    guard let last = starts.last else { return "-" }
                    return "\(fmt(starts[starts.count / 2], 0)) / \(fmt(last, 0))"
                })
        }
        if idle { lines.append(row("memory per idle connection (KB)") { c in c.idleBytesPerSocket.map { fmt($0 / 1000, 1) } ?? "-" }) }
        return lines.joined(separator: "\n")
    }

    /// A column's peak against the bare relay's at the same count, or `-` for the bare relay itself and runs without
    /// one. When the bare relay held every step of its ladder, its own peak lies above the last step and the share is
    /// an upper bound (`≤`).
    private func shareOfBare(_ column: Column, at index: Int) -> String {
        guard column.name != BareRelayTarget.plainName,
            let bare = columns.first(where: { $0.name == BareRelayTarget.plainName })?.scenarios[index],
            let barePeak = bare.peak(p99Limit: p99Limit), barePeak.deliveredPerSecond > 0
        else { return "-" }
        let peak = column.scenarios[index].peak(p99Limit: p99Limit)?.deliveredPerSecond ?? 0
        let bound = barePeak.offered == bare.steps.map(\.offered).max() ? "≤ " : ""
        return "\(bound)\(fmt(100 * peak / barePeak.deliveredPerSecond, 0))%"
    }

    /// Cores: the relay, the load generator, idle.
    private func cores(_ split: [Double]) -> String { split.map { fmt($0) }.joined(separator: " / ") }

    private func row(_ title: String, _ cell: (Column) -> String) -> String {
        "| \(title) | " + columns.map(cell).joined(separator: " | ") + " |"
    }

    private func fmt(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
}
