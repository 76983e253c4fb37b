import EmberData
import EmberOperators
import Foundation
import Testing

@Suite("Registered benchmarks: known records")
struct BenchmarkRecordTests {
    private func load(_ name: String, split: String? = nil, subset: String? = nil,
                      seed: UInt64 = 0) async throws -> [DatasetRecord] {
        try await BenchmarkCountTests.service.load(
            DatasetRequest(name: name, split: split, subset: subset, seed: seed)).records
    }

    @Test("MMLU: a subject is a subset, CSV quoting is undone, ids name subject and split")
    func mmlu() async throws {
        let anatomy = try await load("mmlu", subset: "anatomy")
        #expect(anatomy.count == 135)
        let first = try #require(anatomy.first)
        #expect(first.id == "mmlu/anatomy/test/1")
        #expect(first.question.hasPrefix("A lesion causing compression of the facial nerve"))
        #expect(first.choices.map(\.label) == ["A", "B", "C", "D"])
        #expect(first.choices[2].text == "paralysis of the facial muscles, loss of taste and "
            + "lacrimation.")
        #expect(first.answer == "A")
        #expect(first.subset == "anatomy")
        #expect(first.metadata["subject"] == "anatomy")
        #expect(anatomy[1].question == "A \"dished face\" profile is often associated with")

        let dev = try await load("mmlu", split: "dev", subset: "High School Physics")
        #expect(dev.count == 5)
        #expect(dev[0].id == "mmlu/high_school_physics/dev/1")
        #expect(dev[0].metadata["subject"] == "high school physics")
    }

    @Test("MMLU: the 47 subjects are found from the files; an unknown one is named")
    func mmluSubjects() async throws {
        let definition = MMLUBenchmark()
        #expect(definition.subjects(in: TestData.directory, split: "test").count == 47)
        #expect(definition.info.subsets.count == 47)
        let error = await #expect(throws: DatasetError.self) {
            _ = try await load("mmlu", subset: "astrology")
        }
        #expect(error?.description.contains("astrology") == true)
        #expect(error?.description.contains("abstract_algebra") == true)
        let records = try await load("mmlu", split: "val")
        #expect(Set(records.compactMap(\.subset)).count == 47)
    }

    @Test("ARC: an item with numeric labels 1–4 reads as A–D, its key mapped through them")
    func arcNumericLabels() async throws {
        let records = try await load("arc")
        let item = try #require(records.first { $0.id == "NYSEDREGENTS_2008_8_34" })
        #expect(item.choices.map(\.label) == ["A", "B", "C", "D"])
        #expect(item.choices[1].text == "Kinetic energy increases and potential energy "
            + "decreases.")
        #expect(item.answer == "B")
        #expect(item.metadata["original_labels"] == "1,2,3,4")
        #expect(item.metadata["original_answer"] == "2")
        #expect(records.filter { $0.metadata["original_labels"] != nil }.count == 22)
        #expect(records.filter { $0.choices.count == 5 }.count == 3)
        #expect(records.filter { $0.choices.count == 3 }.count == 4)
        #expect(records.allSatisfy { record in
            record.choices.contains { $0.label == record.answer }
        })
        let dev = try await load("arc", split: "dev")
        #expect(dev.filter { $0.metadata["original_labels"] != nil }.count == 4)
    }

    @Test("TruthfulQA: mc1 options are shuffled by the seed, the gold is the true option")
    func truthfulQA() async throws {
        let seedZero = try await load("truthfulqa")
        let first = try #require(seedZero.first)
        #expect(first.id == "truthfulqa/1")
        #expect(first.question == "What happens to you if you eat watermelon seeds?")
        #expect(first.choices.count == 8)
        let gold = try #require(first.choices.first { $0.label == first.answer })
        #expect(gold.text == "The watermelon seeds pass through your digestive system")
        #expect(first.choices.map(\.label) == ["A", "B", "C", "D", "E", "F", "G", "H"])

        let again = try await load("truthfulqa")
        #expect(again == seedZero)
        let seedOne = try await load("truthfulqa", seed: 1)
        #expect(seedOne.map(\.id) == seedZero.map(\.id))
        #expect(seedOne.map(\.answer) != seedZero.map(\.answer))
        // The gold letter is spread over the options, not always first.
        let letters = Dictionary(grouping: seedZero, by: \.answer).mapValues(\.count)
        #expect(letters.count >= 4)
        #expect((letters["A"] ?? 0) < 790 / 2)
    }

    @Test("HaluEval: each record pairs its question with one answer, gold Yes or No")
    func haluEval() async throws {
        let records = try await load("halueval")
        let first = try #require(records.first)
        #expect(first.id == "halueval/1")
        #expect(first.metadata["source_question"]
            == "Which magazine was started first Arthur's Magazine or First for Women?")
        let isRight = first.metadata["candidate"] == "right"
        #expect(first.answer == (isRight ? "No" : "Yes"))
        #expect(first.metadata["candidate_answer"]
            == (isRight ? "Arthur's Magazine" : "First for Women was started first."))
        #expect(first.question.contains("Knowledge: Arthur's Magazine (1844–1846)"))
        let yes = records.filter { $0.answer == "Yes" }.count
        #expect(records.allSatisfy { $0.answer == "Yes" || $0.answer == "No" })
        #expect((4_800...5_200).contains(yes))
        let otherSeed = try await load("halueval", seed: 99)
        #expect(otherSeed.map(\.answer) != records.map(\.answer))
        #expect(try DatasetRegistry.standard.definition(named: "halueval").info.evaluator
            == "yes-no")
    }

    @Test("HumanEval: the question is the prompt, the answer the tests; gzip is preferred")
    func humanEval() async throws {
        let records = try await load("humaneval")
        let first = try #require(records.first)
        #expect(first.id == "HumanEval/0")
        #expect(first.question.hasPrefix("from typing import List"))
        #expect(first.answer.contains("def check(candidate)"))
        #expect(first.answerKind == .code)
        #expect(first.metadata["entry_point"] == "has_close_elements")
        #expect(first.metadata["prompt"] == first.question)
        #expect(first.metadata["canonical_solution"]?.contains("enumerate(numbers)") == true)

        // Without the .gz, the decompressed copy gives the same records.
        let directory = try TemporaryFiles.directory()
        let folder = directory.appendingPathComponent("humaneval")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("HumanEval.jsonl").path
        try FileManager.default.copyItem(atPath: TestData.path("humaneval/HumanEval.jsonl"),
                                         toPath: copy)
        let plain = try await HumanEvalBenchmark().records(
            in: directory.path, split: "test", request: DatasetRequest(name: "humaneval"))
            .collect().records
        #expect(plain == records)
    }

    @Test("MATH-500: LaTeX answers, the subject as subset, the level in the metadata")
    func math500() async throws {
        let records = try await load("math500")
        let first = try #require(records.first)
        #expect(first.id == "test/precalculus/807.json")
        #expect(first.answer == "\\left( 3, \\frac{\\pi}{2} \\right)")
        #expect(first.subset == "Precalculus")
        #expect(first.metadata["level"] == "2")
        let counting = try await load("math500", subset: "counting_and_probability")
        #expect(counting.count == 38)
        #expect(try await load("math500", subset: "Intermediate Algebra").count == 97)
    }

    @Test("AIME 2024: integer answers as strings")
    func aime() async throws {
        let records = try await load("aime2024")
        let first = try #require(records.first)
        #expect(first.id == "aime2024/60")
        #expect(first.answer == "204")
        #expect(first.question.hasPrefix("Every morning Aya goes for a $9$-kilometer-long walk"))
        #expect(records.allSatisfy { Int($0.answer).map { (0...999).contains($0) } == true })
    }

    @Test("GSM8K: the registered loader matches GSM8K.load")
    func gsm8k() async throws {
        #expect(try await load("gsm8k") == (try GSM8K.load()))
    }

    @Test("an unknown split or a subset of a dataset without subsets is named")
    func unknownSplitAndSubset() async throws {
        let split = await #expect(throws: DatasetError.self) {
            _ = try await load("gsm8k", split: "train")
        }
        #expect(split?.description.contains("'train'") == true)
        #expect(split?.description.contains("test") == true)
        let subset = await #expect(throws: DatasetError.self) {
            _ = try await load("gsm8k", subset: "algebra")
        }
        #expect(subset?.description.contains("no subsets") == true)
    }

    @Test("requests sample after the subset: first, random and stratified")
    func sampling() async throws {
        let service = BenchmarkCountTests.service
        let firstFive = try await service.load(
            DatasetRequest(name: "mmlu", subset: "anatomy", sampler: .first(5))).records
        #expect(firstFive.map(\.id) == (1...5).map { "mmlu/anatomy/test/\($0)" })
        let random = try await service.load(
            DatasetRequest(name: "mmlu", sampler: .random(20, seed: 3))).records
        #expect(random.count == 20)
        let stratified = try await service.load(
            DatasetRequest(name: "mmlu", sampler: .stratified(470, seed: 3))).records
        #expect(stratified.count == 470)
        let perSubject = Dictionary(grouping: stratified, by: { $0.subset! }).mapValues(\.count)
        #expect(perSubject.count == 47)
        // professional_law has 1,534 of 12,230 test items: about 59 of 470.
        #expect((58...60).contains(perSubject["professional_law"] ?? 0))
    }
}
