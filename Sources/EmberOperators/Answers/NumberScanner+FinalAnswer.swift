/// The one rule for which number a response gives as its answer.
extension NumberScanner {
    /// The number `response` gives as its answer, or `nil` when it gives none.
    ///
    /// In order of preference:
    /// 1. the first number after the last `####` (GSM8K's own marker);
    /// 2. of the last `\boxed{…}` and the last "answer is" / "answer:", whichever comes
    ///    later, the first number in the box or after the phrase (the other one if that
    ///    holds no number);
    /// 3. the last number in the response.
    ///
    /// Majority votes over numbers (``AnswerKind/number``) and the numeric evaluator both
    /// read answers with this, and evaluators read gold answers with it too, so a gold
    /// worked solution ending in `#### 18` means 18, not the first number it mentions.
    public func finalAnswer(in response: String) -> Match? {
        let found = matches(in: response)
        guard let last = found.last else { return nil }
        if let hashes = AnswerStatement.lastHashes(in: response),
           let number = found.first(where: { $0.offset > hashes.offset }) {
            return number
        }
        var statements: [(start: Int, end: Int)] = []
        if let box = BoxedAnswer.last(in: response) {
            statements.append((box.offset, box.endOffset))
        }
        if let phrase = AnswerStatement.lastPhrase(in: response) {
            statements.append((phrase.offset, Int.max))
        }
        for statement in statements.sorted(by: { $0.start > $1.start }) {
            if let number = found.first(where: {
                $0.offset > statement.start && $0.offset < statement.end
            }) {
                return number
            }
        }
        return last
    }
}
