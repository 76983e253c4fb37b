import EmberEval
import Testing

@Suite("Reading code from responses")
struct PythonCompletionTests {
    @Test("the first python block is the code, else an untagged block, else the reply",
          arguments: [
              ("Here:\n```python\n    return 1\n```\nand ```python\nx\n```", "    return 1"),
              ("```py\n    return 2\n```", "    return 2"),
              ("```\n    return 3\n```", "    return 3"),
              ("```text\nnot code\n```\n```python\n    return 4\n```", "    return 4"),
              ("    return 5\n", "    return 5\n"),
              ("```python\n    return 6", "    return 6"),
          ])
    func code(response: String, code: String) {
        #expect(PythonCompletion(response: response, entryPoint: "f")?.code == code)
    }

    @Test("a blank reply has no code", arguments: ["", "  \n ", "```python\n```"])
    func blank(response: String) {
        #expect(PythonCompletion(response: response, entryPoint: "f") == nil)
    }

    @Test("an unindented body is indented under the prompt's def")
    func unindentedBody() {
        let completion = PythonCompletion(response: "total = 1\nreturn total", entryPoint: "f")
        #expect(completion?.code == "    total = 1\n    return total")
    }

    @Test("a completion defining the function replaces the prompt's but keeps its imports")
    func fullFunction() {
        let prompt = "from typing import List\n\n\ndef f(xs: List[int]) -> int:\n"
            + "    \"\"\" Doc. \"\"\"\n"
        let response = "```python\ndef f(xs):\n    return sum(xs)\n```"
        let completion = PythonCompletion(response: response, entryPoint: "f")
        #expect(completion?.definesEntryPoint == true)
        let program = completion?.program(prompt: prompt, test: "def check(c): pass",
                                          entryPoint: "f")
        #expect(program == "from typing import List\n\n\n"
            + "def f(xs):\n    return sum(xs)\ndef check(c): pass\ncheck(f)\n")
    }

    @Test("a body continues the prompt")
    func body() {
        let completion = PythonCompletion(response: "    return 1", entryPoint: "f")
        #expect(completion?.program(prompt: "def f():\n", test: "T", entryPoint: "f")
            == "def f():\n    return 1\nT\ncheck(f)\n")
    }
}
