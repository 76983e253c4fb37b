import Foundation
import Testing
@testable import EmberModels

@Suite("Chat completions wire format")
struct ChatCompletionDecodingTests {
    let url = "http://127.0.0.1:1/v1/chat/completions"

    @Test("a llama.cpp reply decodes to text, finish reason and usage")
    func llamaCppReply() throws {
        let body = """
            {"choices":[{"finish_reason":"stop","index":0,"message":{"role":"assistant",\
            "content":"2 + 3 = 5"}}],"created":1796340698,"model":"smollm2.gguf",\
            "object":"chat.completion","usage":{"completion_tokens":8,"prompt_tokens":43,\
            "total_tokens":51,"prompt_tokens_details":{"cached_tokens":0}},"id":"chatcmpl-1",\
            "timings":{"prompt_n":43}}
            """
        let response = try ModelResponse.decodingChatCompletion(Data(body.utf8), from: url)
        #expect(response.text == "2 + 3 = 5")
        #expect(response.finishReason == .stop)
        #expect(response.usage == TokenUsage(inputTokens: 43, outputTokens: 8,
                                             cachedInputTokens: 0))
        #expect(response.usage?.totalTokens == 51)
        #expect(response.model == "smollm2.gguf")
    }

    @Test("a reply without usage has nil usage, and a null content is nil text")
    func missingUsage() throws {
        let body = #"{"choices":[{"message":{"content":null},"finish_reason":"length"}]}"#
        let response = try ModelResponse.decodingChatCompletion(Data(body.utf8), from: url)
        #expect(response.usage == nil)
        #expect(response.text == nil)
        #expect(response.finishReason == .length)
    }

    @Test("partial usage (one count missing) is treated as none")
    func partialUsage() throws {
        let body = #"{"choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":3}}"#
        let response = try ModelResponse.decodingChatCompletion(Data(body.utf8), from: url)
        #expect(response.usage == nil)
        #expect(response.finishReason == nil)
    }

    @Test("an unknown finish reason is kept as the provider wrote it")
    func unknownFinishReason() throws {
        let body = #"{"choices":[{"message":{"content":"x"},"finish_reason":"eos_token"}]}"#
        let response = try ModelResponse.decodingChatCompletion(Data(body.utf8), from: url)
        #expect(response.finishReason?.rawValue == "eos_token")
    }

    @Test("a reply with no choices is an error naming the URL")
    func noChoices() {
        let body = #"{"choices":[]}"#
        let error = #expect(throws: ModelError.self) {
            try ModelResponse.decodingChatCompletion(Data(body.utf8), from: url)
        }
        #expect(error?.description.contains(url) == true)
        #expect(error?.description.contains("no choices") == true)
    }

    @Test("a body that is not JSON is an error quoting its start")
    func notJSON() {
        let error = #expect(throws: ModelError.self) {
            try ModelResponse.decodingChatCompletion(Data("<html>Bad Gateway".utf8), from: url)
        }
        #expect(error?.description.contains("<html>Bad Gateway") == true)
    }

    @Test("a missing field is named by its path")
    func missingField() {
        let error = #expect(throws: ModelError.self) {
            try ModelResponse.decodingChatCompletion(Data(#"{"id":"x"}"#.utf8), from: url)
        }
        #expect(error?.description.contains("'choices'") == true)
    }

    @Test("the request body uses the documented field names and omits unset parameters")
    func requestBody() throws {
        let request = ModelRequest(
            messages: [.system("Be brief."), .user("Hi")],
            parameters: ModelParameters(temperature: 0.7, maximumTokens: 64, seed: 3))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(ChatCompletionsRequestBody(model: "gpt-4o", request: request))
        let json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["model"] as? String == "gpt-4o")
        #expect(json["max_tokens"] as? Int == 64)
        #expect(json["temperature"] as? Double == 0.7)
        #expect(json["seed"] as? Int == 3)
        #expect(json["top_p"] == nil)
        #expect(json["stop"] == nil)
        let messages = try #require(json["messages"] as? [[String: String]])
        #expect(messages == [["role": "system", "content": "Be brief."],
                             ["role": "user", "content": "Hi"]])
    }
}

@Suite("Chat completions: tool calls and detailed usage")
struct ChatCompletionToolCallTests {
    @Test("a tool-call reply decodes with nil text and one call; re-encoding sends null content")
    func toolCalls() throws {
        let body = #"""
            {"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant",
            "content":null,"tool_calls":[{"id":"call_1","type":"function","function":
            {"name":"calculator","arguments":"{\"expr\":\"12*7\"}"}}]}}]}
            """#
        let response = try ModelResponse.decodingChatCompletion(Data(body.utf8), from: "u")
        #expect(response.text == nil)
        #expect(response.finishReason == .toolCalls)
        #expect(response.toolCalls == [ToolCall(id: "call_1", name: "calculator",
                                                arguments: #"{"expr":"12*7"}"#)])

        let next = ModelRequest(messages: [.user("12*7?"), .assistant(response),
                                           .toolResult("84", callID: "call_1")])
        let data = try JSONEncoder().encode(ChatCompletionsRequestBody(model: "m", request: next))
        let json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let messages = try #require(json["messages"] as? [[String: Any]])
        #expect(messages[1]["content"] is NSNull)
        let calls = try #require(messages[1]["tool_calls"] as? [[String: Any]])
        #expect(calls.first?["id"] as? String == "call_1")
        #expect((calls.first?["function"] as? [String: String])?["name"] == "calculator")
        #expect(messages[2]["role"] as? String == "tool")
        #expect(messages[2]["tool_call_id"] as? String == "call_1")
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("\"None\"") && !text.contains("\"null\""))
    }

    @Test("cached and reasoning token counts are read; a missing count stays nil")
    func detailedUsage() throws {
        let body = #"""
            {"choices":[{"message":{"content":"x"},"finish_reason":"length"}],"usage":
            {"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,
            "prompt_tokens_details":{"cached_tokens":1920},
            "completion_tokens_details":{"reasoning_tokens":200}}}
            """#
        let response = try ModelResponse.decodingChatCompletion(Data(body.utf8), from: "u")
        #expect(response.usage == TokenUsage(inputTokens: 2006, outputTokens: 300,
                                             cachedInputTokens: 1920, reasoningTokens: 200))
        #expect(response.isTruncated)
        let plain = try ModelResponse.decodingChatCompletion(Data(
            #"{"choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":3,"completion_tokens":1}}"#
                .utf8), from: "u")
        #expect(plain.usage?.cachedInputTokens == nil)
        #expect(plain.usage?.reasoningTokens == nil)
    }
}
