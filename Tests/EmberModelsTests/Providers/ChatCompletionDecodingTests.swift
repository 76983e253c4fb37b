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
        #expect(response.usage == TokenUsage(promptTokens: 43, completionTokens: 8))
        #expect(response.usage?.totalTokens == 51)
        #expect(response.model == "smollm2.gguf")
    }

    @Test("a reply without usage has nil usage, and a null content is empty text")
    func missingUsage() throws {
        let body = #"{"choices":[{"message":{"content":null},"finish_reason":"length"}]}"#
        let response = try ModelResponse.decodingChatCompletion(Data(body.utf8), from: url)
        #expect(response.usage == nil)
        #expect(response.text == "")
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
