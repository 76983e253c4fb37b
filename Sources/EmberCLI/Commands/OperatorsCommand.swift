import Ember
import Foundation

/// `ember operators`: the node codes of the notation, with their parameters.
enum OperatorsCommand {
    static let specification = CommandSpecification(
        path: "ember operators",
        overview: "List the node codes the system notation knows, the operator each builds "
            + "with its input and output, the parameters each accepts, and the registered "
            + "operators.")

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, specification: specification)
        if parsed.wantsHelp {
            print(specification.helpText, terminator: "")
            return 0
        }
        try parsed.requirePositionals(0)
        // Each code's node is built once, over a service that is never called, to read the
        // input and output types of the operator it wraps.
        let context = SystemBuildContext(service: ModelService(),
                                         defaultModel: ModelID(provider: "local", model: "m"))
        var text = "NODE CODES   [count] CODE [!alias] [@model] [(key=value, …)]\n"
        for definition in NodeCodeRegistry.standard.allDefinitions {
            text += "\n  \(definition.code)  \(definition.name)"
            if let node = try? SystemNotation().parse("\(definition.code)").nodes.first,
               let built = try? definition.make(node, context) {
                let descriptor = built.descriptor
                text += " (\(descriptor.input) -> \(descriptor.output))"
            }
            text += "\n     \(definition.summary)\n"
            var traits: [String] = []
            traits.append(definition.needsModel ? "calls a model" : "calls no model")
            traits.append(definition.acceptsCount ? "takes a count" : "takes no count")
            text += "     \(traits.joined(separator: "; ")).\n"
            for parameter in definition.parameters {
                let keys = ([parameter.name] + parameter.aliases).joined(separator: ", ")
                text += "     \(keys): \(parameter.help)\n"
            }
        }
        text += "\nOPERATORS   for Swift programs: OperatorRegistry.standard.make(name, …)\n\n"
        let entries = OperatorRegistry.standard.entries
        let width = entries.map(\.name.count).max() ?? 0
        for entry in entries {
            let name = entry.name.padding(toLength: width, withPad: " ", startingAt: 0)
            text += "  \(name)  \(entry.descriptor.input) -> \(entry.descriptor.output)\n"
            if let summary = entry.descriptor.summary {
                text += "  \(String(repeating: " ", count: width))  \(summary)\n"
            }
        }
        text += """

            FLOWS
              Without flows the nodes form a chain in order. Write 'a -> b' or
              '{e1, e2} -> j' to build other shapes; ids default to the code in lower case
              and the node's position (e1, m2), or '!alias'. '$name' expands a component.

            """
        print(text, terminator: "")
        return 0
    }
}
