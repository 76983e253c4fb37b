/// The inline SVG charts of the HTML report.
///
/// Charts draw with CSS classes rather than colours, so the page's stylesheet gives them
/// its light or dark palette; every mark carries a `<title>` a pointer can read.
enum SVGChart {
    /// One row of the accuracy chart.
    struct AccuracyRow {
        var label: String
        var correct: Int
        var total: Int
        var interval: ConfidenceInterval
        var isEmphasised: Bool = false

        var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }
    }

    /// A marked value on a histogram, such as the p95 latency.
    struct Marker {
        var label: String
        var value: Double
    }

    /// Horizontal accuracy bars, 0 to 100%, each with its interval drawn as a whisker.
    static func accuracy(_ rows: [AccuracyRow], description: String) -> String {
        let width = 760.0, labelRight = 232.0, plotLeft = 242.0, plotRight = 636.0
        let top = 8.0, rowHeight = 26.0
        let plotBottom = top + Double(rows.count) * rowHeight
        let height = plotBottom + 26
        let plotWidth = plotRight - plotLeft
        func x(_ fraction: Double) -> String { HTMLText.number(plotLeft + fraction * plotWidth) }

        var svg = open(width: width, height: height, description: description)
        for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
            svg += "<line class=\"grid\" x1=\"\(x(tick))\" y1=\"\(HTMLText.number(top))\" "
                + "x2=\"\(x(tick))\" y2=\"\(HTMLText.number(plotBottom))\"/>"
                + "<text class=\"tick\" x=\"\(x(tick))\" y=\"\(HTMLText.number(plotBottom + 18))\" "
                + "text-anchor=\"middle\">\(Int(tick * 100))%</text>"
        }
        for (index, row) in rows.enumerated() {
            let middle = top + Double(index) * rowHeight + rowHeight / 2
            let summary = "\(row.label): \(ReportFormat.percent(row.accuracy)) "
                + "(\(ReportFormat.count(row.correct)) of \(ReportFormat.count(row.total))), "
                + "95% CI \(ReportFormat.percent(row.interval.lower))–"
                + "\(ReportFormat.percent(row.interval.upper))"
            svg += "<g class=\"row\(row.isEmphasised ? " overall" : "")\">"
                + "<title>\(HTMLText.escape(summary))</title>"
                + "<text class=\"name\" x=\"\(HTMLText.number(labelRight))\" "
                + "y=\"\(HTMLText.number(middle + 4))\" text-anchor=\"end\">"
                + HTMLText.escape(shortened(row.label, to: 34)) + "</text>"
                + "<rect class=\"track\" x=\"\(x(0))\" y=\"\(HTMLText.number(middle - 6))\" "
                + "width=\"\(HTMLText.number(plotWidth))\" height=\"12\" rx=\"3\"/>"
                + "<rect class=\"bar\" x=\"\(x(0))\" y=\"\(HTMLText.number(middle - 6))\" "
                + "width=\"\(HTMLText.number(row.accuracy * plotWidth))\" height=\"12\" rx=\"3\"/>"
                + whisker(from: x(row.interval.lower), to: x(row.interval.upper), y: middle)
                + "<text class=\"value\" x=\"\(HTMLText.number(plotRight + 12))\" "
                + "y=\"\(HTMLText.number(middle + 4))\">\(ReportFormat.percent(row.accuracy))"
                + "<tspan class=\"muted\" dx=\"6\">\(ReportFormat.count(row.correct))/"
                + "\(ReportFormat.count(row.total))</tspan></text></g>"
        }
        return svg + "</svg>"
    }

    /// Vertical bars counting values in bins, with markers at values of note.
    ///
    /// - Parameters:
    ///   - format: How a value reads on the axis and in titles (`0.42 s`, `$0.0012`).
    ///   - noun: What is counted, plural (`items`).
    static func histogram(_ values: [Double], markers: [Marker], noun: String,
                          description: String, format: (Double) -> String) -> String {
        let width = 360.0, height = 210.0
        let left = 34.0, right = 346.0, top = 44.0, bottom = 176.0
        let histogram = Histogram(values, binCount: binCount(for: values.count))
        guard let first = histogram.bins.first, let last = histogram.bins.last else {
            return ""
        }
        let low = first.lower, high = last.upper
        let plotWidth = right - left, plotHeight = bottom - top
        let largest = Double(max(1, histogram.largestCount))
        let step = plotWidth / Double(histogram.bins.count)
        func x(_ value: Double) -> Double {
            high > low ? left + (value - low) / (high - low) * plotWidth : left + plotWidth / 2
        }

        var svg = open(width: width, height: height, description: description)
        svg += line("axis", from: (left, bottom), to: (right, bottom))
            + line("grid", from: (left, top), to: (right, top))
            + text("tick", at: (left - 6, top + 4), anchor: "end",
                   String(histogram.largestCount))
            + text("tick", at: (left - 6, bottom), anchor: "end", "0")
        // Every value the same: one narrow bar in the middle, not a slab across the plot.
        let isSingleValue = high == low
        let barStep = isSingleValue ? plotWidth / 8 : step
        let barLeft = isSingleValue ? left + (plotWidth - barStep) / 2 : left
        for (index, bin) in histogram.bins.enumerated() {
            let barHeight = Double(bin.count) / largest * plotHeight
            let range = isSingleValue ? format(bin.lower)
                : "\(format(bin.lower))–\(format(bin.upper))"
            let title = range
                + ": \(ReportFormat.count(bin.count)) \(bin.count == 1 ? singular(noun) : noun)"
            svg += "<rect class=\"bar\" "
                + "x=\"\(HTMLText.number(barLeft + Double(index) * barStep + 1))\" "
                + "y=\"\(HTMLText.number(bottom - barHeight))\" "
                + "width=\"\(HTMLText.number(max(1, barStep - 2)))\" "
                + "height=\"\(HTMLText.number(barHeight))\" rx=\"2\">"
                + "<title>\(HTMLText.escape(title))</title></rect>"
        }
        svg += text("tick", at: (isSingleValue ? x(low) : left, bottom + 18),
                    anchor: isSingleValue ? "middle" : "start", HTMLText.escape(format(low)))
        if !isSingleValue {
            svg += text("tick", at: (right, bottom + 18), anchor: "end",
                        HTMLText.escape(format(high)))
        }
        for (index, marker) in merged(markers).enumerated() {
            let position = x(marker.value)
            let labelY = 12.0 + Double(index) * 12
            let isNearRight = position > right - 70
            let label = HTMLText.escape(marker.label + " " + format(marker.value))
            svg += "<g class=\"marker\"><title>\(label)</title>"
                + line(nil, from: (position, labelY - 8), to: (position, bottom))
                + text(nil, at: (position + (isNearRight ? -4 : 4), labelY),
                       anchor: isNearRight ? "end" : "start", label)
                + "</g>"
        }
        return svg + "</svg>"
    }

    /// One configuration on the accuracy–cost chart.
    struct FrontierPoint {
        var label: String
        var cost: Double
        var accuracy: Double
        var interval: ConfidenceInterval
        var isOnFrontier: Bool
    }

    /// Accuracy against cost as points with their intervals as vertical whiskers, and the
    /// frontier drawn as a line through its points from the cheapest to the dearest.
    ///
    /// The cost axis starts at 0; the accuracy axis spans the intervals, widened to whole
    /// tens of percent.
    /// - Parameter format: How a cost reads on the axis and in titles (`$0.0012`).
    static func frontier(_ points: [FrontierPoint], description: String,
                         format: (Double) -> String) -> String {
        let width = 760.0, height = 380.0
        let left = 64.0, right = 600.0, top = 16.0, bottom = 336.0
        let highestCost = points.map(\.cost).max() ?? 0
        let costLimit = highestCost > 0 ? highestCost * 1.1 : 1
        let low = ((points.map(\.interval.lower).min() ?? 0) * 10).rounded(.down) / 10
        let high = max(low + 0.1, ((points.map(\.interval.upper).max() ?? 1) * 10)
            .rounded(.up) / 10)
        func x(_ cost: Double) -> Double { left + cost / costLimit * (right - left) }
        func y(_ accuracy: Double) -> Double {
            bottom - (accuracy - low) / (high - low) * (bottom - top)
        }

        var svg = open(width: width, height: height, description: description)
        let steps = Int(((high - low) * 10).rounded())
        for step in 0...steps {
            let accuracy = low + Double(step) / 10
            svg += line("grid", from: (left, y(accuracy)), to: (right, y(accuracy)))
                + text("tick", at: (left - 8, y(accuracy) + 4), anchor: "end",
                       "\(Int((accuracy * 100).rounded()))%")
        }
        for step in 0...4 {
            let cost = costLimit * Double(step) / 4
            svg += text("tick", at: (x(cost), bottom + 18), anchor: "middle",
                        HTMLText.escape(format(cost)))
        }
        svg += line("axis", from: (left, bottom), to: (right, bottom))
            + line("axis", from: (left, top), to: (left, bottom))
            + text("muted", at: ((left + right) / 2, bottom + 38), anchor: "middle",
                   "Cost per item")
        let frontier = points.filter(\.isOnFrontier).sorted { $0.cost < $1.cost }
        if !frontier.isEmpty {
            let path = frontier.map { "\(HTMLText.number(x($0.cost))),"
                + HTMLText.number(y($0.accuracy)) }.joined(separator: " ")
            svg += "<polyline class=\"frontier\" points=\"\(path)\"/>"
        }
        for point in points {
            let (px, py) = (x(point.cost), y(point.accuracy))
            let summary = "\(point.label): \(ReportFormat.percent(point.accuracy)) "
                + "(95% CI \(ReportFormat.percent(point.interval.lower))–"
                + "\(ReportFormat.percent(point.interval.upper))), \(format(point.cost)) per item"
                + (point.isOnFrontier ? ", on the frontier" : "")
            svg += "<g class=\"point\(point.isOnFrontier ? " on-frontier" : "")\">"
                + "<title>\(HTMLText.escape(summary))</title><g class=\"interval\">"
                + line(nil, from: (px, y(point.interval.lower)),
                       to: (px, y(point.interval.upper))) + "</g>"
                + "<circle cx=\"\(HTMLText.number(px))\" cy=\"\(HTMLText.number(py))\" r=\"5\"/>"
                + text("name", at: (px + 9, py - 6), anchor: "start",
                       HTMLText.escape(shortened(point.label, to: 24)))
                + "</g>"
        }
        return svg + "</svg>"
    }

    /// Markers at the same value become one, their labels joined: `p95 · p99`.
    private static func merged(_ markers: [Marker]) -> [Marker] {
        var merged: [Marker] = []
        for marker in markers {
            if let last = merged.last, last.value == marker.value {
                merged[merged.count - 1].label += " · " + marker.label
            } else {
                merged.append(marker)
            }
        }
        return merged
    }

    private static func line(_ name: String?, from start: (Double, Double),
                             to end: (Double, Double)) -> String {
        "<line" + (name.map { " class=\"\($0)\"" } ?? "")
            + " x1=\"\(HTMLText.number(start.0))\" y1=\"\(HTMLText.number(start.1))\""
            + " x2=\"\(HTMLText.number(end.0))\" y2=\"\(HTMLText.number(end.1))\"/>"
    }

    /// A text element; `markup` is already escaped.
    private static func text(_ name: String?, at point: (Double, Double), anchor: String,
                             _ markup: String) -> String {
        "<text" + (name.map { " class=\"\($0)\"" } ?? "")
            + " x=\"\(HTMLText.number(point.0))\" y=\"\(HTMLText.number(point.1))\""
            + " text-anchor=\"\(anchor)\">\(markup)</text>"
    }

    private static func open(width: Double, height: Double, description: String) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(HTMLText.number(width)) \(HTMLText.number(height))\" "
            + "role=\"img\" aria-label=\"\(HTMLText.escape(description))\" "
            + "xmlns=\"http://www.w3.org/2000/svg\">"
    }

    private static func whisker(from lower: String, to upper: String, y: Double) -> String {
        let top = HTMLText.number(y - 5), bottom = HTMLText.number(y + 5)
        let middle = HTMLText.number(y)
        return "<g class=\"interval\"><line x1=\"\(lower)\" y1=\"\(middle)\" x2=\"\(upper)\" "
            + "y2=\"\(middle)\"/><line x1=\"\(lower)\" y1=\"\(top)\" x2=\"\(lower)\" "
            + "y2=\"\(bottom)\"/><line x1=\"\(upper)\" y1=\"\(top)\" x2=\"\(upper)\" "
            + "y2=\"\(bottom)\"/></g>"
    }

    /// About the square root of the count, between 6 and 24 bins.
    private static func binCount(for count: Int) -> Int {
        min(24, max(6, Int(Double(count).squareRoot().rounded(.up))))
    }

    private static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    private static func singular(_ noun: String) -> String {
        noun.hasSuffix("s") ? String(noun.dropLast()) : noun
    }
}
