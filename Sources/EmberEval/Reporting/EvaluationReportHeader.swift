import Foundation

/// What a report says about the run it describes, beyond its results: which run, under
/// which configuration, when it started and whether it ran in one go.
///
/// Reports read no clock: every date they print comes from here, so the same header and
/// summary always render the same bytes.
public struct EvaluationReportHeader: Sendable, Hashable {
    /// The run's id, as its journal names it.
    public var runID: String
    /// The heading: dataset, system and settings, in a line.
    public var title: String
    /// What the run evaluated, and how.
    public var configuration: EvaluationRunConfiguration
    /// When the run first started (before any resumption).
    public var startedAt: Date
    /// When the run's last item finished, or `nil` where that is not known.
    public var finishedAt: Date?
    /// Whether the run was resumed from its journal after stopping part-way.
    public var isResumed: Bool
    /// Whether the run was stopped (by an interrupt or a budget) before it finished.
    ///
    /// Reports also call a run interrupted when its summary is incomplete.
    public var isInterrupted: Bool

    /// Creates a header.
    public init(runID: String, title: String, configuration: EvaluationRunConfiguration,
                startedAt: Date, finishedAt: Date? = nil, isResumed: Bool = false,
                isInterrupted: Bool = false) {
        self.runID = runID
        self.title = title
        self.configuration = configuration
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.isResumed = isResumed
        self.isInterrupted = isInterrupted
    }
}
