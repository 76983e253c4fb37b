import EmberXCS
import Testing

@Suite struct GraphDiagramTests {
    static func smallGraph() -> Graph {
        struct Draft: Sendable { var text: String }
        var graph = Graph()
        graph.addInput("question", type: String.self)
        graph.addNode(id: "count", label: "Count \"words\"", Counting())
        graph.addNode(id: "draft", operation: { _ in Draft(text: "…") })
        graph.addNode(id: "end", operation: sum)
        graph.connect(.input("question"), to: "count")
        graph.connect(.input("question"), to: "draft")
        graph.connect(.field(node: "draft", field: "text"), to: "end")
        graph.connect(.node("count"), to: "end", port: "length")
        graph.addOutput(.node("end"), name: "answer")
        return graph
    }

    @Test func rendersGraphvizDOT() {
        #expect(Self.smallGraph().dot() == #"""
            digraph "graph" {
              rankdir=LR;
              node [shape=box];
              "input:question" [label="question", shape=ellipse];
              "count" [label="Count \"words\"\nCounting"];
              "draft" [label="draft"];
              "end" [label="end"];
              "output:answer" [label="answer", shape=ellipse];
              "input:question" -> "count";
              "input:question" -> "draft";
              "draft" -> "end" [label="text"];
              "count" -> "end" [label="length"];
              "end" -> "output:answer";
            }

            """#)
    }

    @Test func rendersAMermaidFlowchart() {
        #expect(Self.smallGraph().mermaid() == """
            flowchart LR
              input_question(["question"])
              node_count["Count #quot;words#quot;<br/>Counting"]
              node_draft["draft"]
              node_end["end"]
              output_answer(["answer"])
              input_question --> node_count
              input_question --> node_draft
              node_draft -->|"text"| node_end
              node_count -->|"length"| node_end
              node_end --> output_answer

            """)
    }

    @Test func keepsMermaidIdentifiersDistinct() {
        var graph = Graph()
        graph.addNode(id: "a-b", operation: constant(1))
        graph.addNode(id: "a b", operation: constant(2))
        let lines = graph.mermaid().split(separator: "\n")
        #expect(lines == ["flowchart LR", "  node_a_b[\"a-b\"]", "  node_a_b_2[\"a b\"]"])
    }
}
