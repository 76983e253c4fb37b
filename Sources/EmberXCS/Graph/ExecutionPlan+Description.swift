extension ExecutionPlan: CustomStringConvertible {
    /// The plan wave by wave, each node with the sources it reads, then the outputs.
    ///
    /// ```text
    /// ExecutionPlan: 4 nodes in 3 waves
    ///   inputs: question
    ///   wave 0: a
    ///     a <- input:question
    ///   wave 1: b, c
    ///     b <- a
    ///     c <- a.score
    ///   wave 2: d
    ///     d <- left=b, right=c
    ///   outputs: answer <- d
    /// ```
    public var description: String {
        let nodes = nodeCount == 1 ? "1 node" : "\(nodeCount) nodes"
        let waves = waveRanges.count == 1 ? "1 wave" : "\(waveRanges.count) waves"
        var lines = ["ExecutionPlan: \(nodes) in \(waves)"]
        if !inputNames.isEmpty {
            lines.append("  inputs: " + inputNames.joined(separator: ", "))
        }
        for (wave, range) in waveRanges.enumerated() {
            lines.append("  wave \(wave): " + range.map { ids[$0] }.joined(separator: ", "))
            for step in range {
                lines.append("    \(ids[step]) <- " + describeInputs(of: step))
            }
        }
        if !outputs.isEmpty {
            let list = outputs.map { output in
                output.name == output.source.description
                    ? output.name
                    : "\(output.name) <- \(output.source)"
            }
            lines.append("  outputs: " + list.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    private func describeInputs(of step: Int) -> String {
        let edges = edges(ofStep: step)
        guard !edges.isEmpty else { return "nothing" }
        return edges.map { edge in
            edge.portName == edge.source.defaultPort
                ? edge.source.description
                : "\(edge.portName)=\(edge.source)"
        }.joined(separator: ", ")
    }
}
