import EmberXCS
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1))) struct TraceTests {
    /// A hand-made trace: `a` (0–10 ms) feeds `b` (10–30) and `c` (10–50), which feed `d`
    /// (50–60); `e` (0–5) stands alone. The run lasts 60 ms.
    static func syntheticTrace(outcomes: [String: NodeOutcome] = [:]) -> Trace {
        let base = ContinuousClock.now
        func event(_ id: String, _ from: Int, _ to: Int, _ dependencies: [String]) -> TraceEvent {
            TraceEvent(nodeID: id, start: base + .milliseconds(from),
                       end: base + .milliseconds(to), outcome: outcomes[id] ?? .succeeded,
                       dependencies: dependencies)
        }
        return Trace(events: [
            event("a", 0, 10, []),
            event("e", 0, 5, []),
            event("b", 10, 30, ["a"]),
            event("c", 10, 50, ["a"]),
            event("d", 50, 60, ["b", "c"]),
        ], start: base, end: base + .milliseconds(60))
    }

    @Test func summarisesTheCriticalPathWorkAndParallelism() {
        let summary = Self.syntheticTrace().summary
        #expect(summary.criticalPath == ["a", "c", "d"])
        #expect(summary.criticalPathDuration == .milliseconds(60))
        #expect(summary.totalWork == .milliseconds(85))
        #expect(summary.wallTime == .milliseconds(60))
        #expect(abs(summary.parallelism - 85.0 / 60.0) < 1e-9)
        #expect(summary.description == """
            metric         value
            -------------  --------------------
            nodes          5 (5 succeeded)
            wall time      60.0 ms
            total work     85.0 ms
            parallelism    1.42
            critical path  60.0 ms: a -> c -> d
            """)
    }

    @Test func countsEachOutcomeInTheSummary() {
        let trace = Self.syntheticTrace(outcomes: [
            "b": .failed("broken"), "d": .skipped, "e": .cancelled,
        ])
        let row = trace.summary.description.split(separator: "\n")[2]
        #expect(row == "nodes          5 (2 succeeded, 1 failed, 1 cancelled, 1 skipped)")
    }

    /// The `X` events of a Chrome trace, decoded with `JSONSerialization`.
    static func completeEvents(_ json: String) throws -> [[String: Any]] {
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let events = try #require((root as? [String: Any])?["traceEvents"] as? [[String: Any]])
        return events.filter { $0["ph"] as? String == "X" }
    }

    static func number(_ value: Any?) -> Double {
        (value as? NSNumber)?.doubleValue ?? .nan
    }

    @Test func exportsChromeTraceEventsInLanesThatNeverOverlap() throws {
        let events = try Self.completeEvents(Self.syntheticTrace().chromeTraceJSON())
        #expect(events.map { $0["name"] as? String } == ["a", "e", "b", "c", "d"])
        #expect(events.map { Self.number($0["tid"]) } == [2, 1, 1, 2, 1])
        #expect(events.map { Self.number($0["ts"]) } == [0, 0, 10_000, 10_000, 50_000])
        #expect(events.map { Self.number($0["dur"]) } == [10_000, 5_000, 20_000, 40_000, 10_000])
        for event in events {
            #expect(event["cat"] as? String == "node")
            #expect(Self.number(event["pid"]) == 1)
            #expect((event["args"] as? [String: Any])?["outcome"] as? String == "succeeded")
        }
    }

    @Test func escapesIDsAndAnnotationsInJSON() throws {
        let base = ContinuousClock.now
        let trace = Trace(events: [
            TraceEvent(nodeID: "say \"hi\"\n\\", label: "tab\there", start: base, end: base,
                       outcome: .failed("bad \"input\""), annotations: ["note": "\u{1}"]),
        ], start: base, end: base)
        let event = try #require(try Self.completeEvents(trace.chromeTraceJSON()).first)
        #expect(event["name"] as? String == "say \"hi\"\n\\")
        let arguments = try #require(event["args"] as? [String: String])
        #expect(arguments == [
            "label": "tab\there", "error": "bad \"input\"", "outcome": "failed", "note": "\u{1}",
        ])
    }

    @Test func recordsARealRunWithAnnotationsAndConcurrentLanes() async throws {
        let siblings = Barrier(count: 2)
        var graph = Graph()
        graph.addNode(id: "a", label: "Start", operation: constant(1))
        graph.addNode(id: "b", operation: { _ in
            NodeContext.annotate(key: "tokens", value: "12")
            await siblings.arriveAndWait()
            return 2
        })
        graph.addNode(id: "c", operation: { _ in
            await siblings.arriveAndWait()
            return 3
        })
        graph.addNode(id: "d", operation: sum)
        for (from, to) in [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")] {
            graph.connect(.node(from), to: to)
        }
        let run = try await DataflowScheduler().run(graph.compile(), inputs: [:])
        let trace = run.trace
        #expect(trace.event(for: "b")?.annotations == ["tokens": "12"])
        #expect(trace.event(for: "a")?.label == "Start")
        #expect(trace.event(for: "d")?.dependencies == ["b", "c"])
        for event in trace.events {
            #expect(event.start >= trace.start && event.end <= trace.end)
            #expect(event.start <= event.end)
        }
        #expect(trace.summary.criticalPath.first == "a")
        #expect(trace.summary.criticalPath.last == "d")

        let events = try Self.completeEvents(trace.chromeTraceJSON())
        let byName = Dictionary(uniqueKeysWithValues: events.map { ($0["name"] as? String, $0) })
        #expect((byName["b"]?["args"] as? [String: Any])?["tokens"] as? String == "12")
        #expect(Self.number(byName["b"]?["tid"]) != Self.number(byName["c"]?["tid"]))
        let lanes = Dictionary(grouping: events) { Self.number($0["tid"]) }
        for lane in lanes.values {
            let spans = lane.map { (Self.number($0["ts"]), Self.number($0["dur"])) }
                .sorted { $0.0 < $1.0 }
            for (earlier, later) in zip(spans, spans.dropFirst()) {
                #expect(earlier.0 + earlier.1 <= later.0 + 0.001)
            }
        }
    }

    @Test func timesARunOnTheContinuousClockOfItsCaller() async throws {
        var graph = Graph()
        graph.addNode(id: "wait") { _ in
            try await Task.sleep(for: .milliseconds(20))
            return 0
        }
        graph.addNode(id: "after") { _ in 1 }
        graph.connect(.node("wait"), to: "after")
        let plan = try graph.compile()
        for scheduler in [SerialScheduler(), DataflowScheduler()] as [any Scheduler] {
            let before = ContinuousClock.now
            let trace = try await scheduler.run(plan, inputs: [:]).trace
            let after = ContinuousClock.now
            #expect(before <= trace.start && trace.end <= after)
            let wait = try #require(trace.event(for: "wait"))
            let next = try #require(trace.event(for: "after"))
            #expect(wait.duration >= .milliseconds(20))
            #expect(wait.end <= next.start)
            #expect(trace.end - trace.start >= wait.duration)
        }
    }

    @Test func ignoresAnnotationsOutsideANode() {
        NodeContext.annotate(key: "ignored", value: "yes")
        #expect(NodeContext.current == nil)
    }
}
