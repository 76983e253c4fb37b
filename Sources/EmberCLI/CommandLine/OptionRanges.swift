/// The ranges of the numeric options that size an allocation or a loop, so that a typo
/// such as `--resamples 99999999999` is a usage error, not a crash or an endless wait.
enum OptionRanges {
    /// Paired bootstrap resamples: each is kept in memory to find the 2.5% and 97.5%
    /// ranks, which fewer than 100 hardly tell apart.
    static let resamples = 100...1_000_000
    /// Tokens generated per answer: above any model's output limit, and small enough that
    /// a budget's estimate of a call (prompt and output tokens added up) cannot overflow.
    static let maximumTokens = 1...1_000_000
}
