import EmberData
import EmberOperators

/// Real HumanEval items (openai/human-eval, HumanEval.jsonl), copied verbatim: the prompt,
/// the canonical solution, the tests and the entry point.
struct HumanEvalItem: Sendable {
    var taskID: String
    var prompt: String
    var canonicalSolution: String
    var test: String
    var entryPoint: String

    /// The item as a dataset record, as the HumanEval loader gives it.
    var record: DatasetRecord {
        DatasetRecord(id: taskID, question: prompt, answer: test, answerKind: .code,
                      metadata: ["prompt": prompt, "entry_point": entryPoint])
    }

    static let hasCloseElements = HumanEvalItem(
        taskID: "HumanEval/0",
        prompt: #"""
from typing import List


def has_close_elements(numbers: List[float], threshold: float) -> bool:
    """ Check if in given list of numbers, are any two numbers closer to each other than
    given threshold.
    >>> has_close_elements([1.0, 2.0, 3.0], 0.5)
    False
    >>> has_close_elements([1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3)
    True
    """

"""#,
        canonicalSolution: #"""
    for idx, elem in enumerate(numbers):
        for idx2, elem2 in enumerate(numbers):
            if idx != idx2:
                distance = abs(elem - elem2)
                if distance < threshold:
                    return True

    return False

"""#,
        test: #"""


METADATA = {
    'author': 'jt',
    'dataset': 'test'
}


def check(candidate):
    assert candidate([1.0, 2.0, 3.9, 4.0, 5.0, 2.2], 0.3) == True
    assert candidate([1.0, 2.0, 3.9, 4.0, 5.0, 2.2], 0.05) == False
    assert candidate([1.0, 2.0, 5.9, 4.0, 5.0], 0.95) == True
    assert candidate([1.0, 2.0, 5.9, 4.0, 5.0], 0.8) == False
    assert candidate([1.0, 2.0, 3.0, 4.0, 5.0, 2.0], 0.1) == True
    assert candidate([1.1, 2.2, 3.1, 4.1, 5.1], 1.0) == True
    assert candidate([1.1, 2.2, 3.1, 4.1, 5.1], 0.5) == False


"""#,
        entryPoint: "has_close_elements")

    static let truncateNumber = HumanEvalItem(
        taskID: "HumanEval/2",
        prompt: #"""


def truncate_number(number: float) -> float:
    """ Given a positive floating point number, it can be decomposed into
    and integer part (largest integer smaller than given number) and decimals
    (leftover part always smaller than 1).

    Return the decimal part of the number.
    >>> truncate_number(3.5)
    0.5
    """

"""#,
        canonicalSolution: #"""
    return number % 1.0

"""#,
        test: #"""


METADATA = {
    'author': 'jt',
    'dataset': 'test'
}


def check(candidate):
    assert candidate(3.5) == 0.5
    assert abs(candidate(1.33) - 0.33) < 1e-6
    assert abs(candidate(123.456) - 0.456) < 1e-6

"""#,
        entryPoint: "truncate_number")

    static let makePalindrome = HumanEvalItem(
        taskID: "HumanEval/10",
        prompt: #"""


def is_palindrome(string: str) -> bool:
    """ Test if given string is a palindrome """
    return string == string[::-1]


def make_palindrome(string: str) -> str:
    """ Find the shortest palindrome that begins with a supplied string.
    Algorithm idea is simple:
    - Find the longest postfix of supplied string that is a palindrome.
    - Append to the end of the string reverse of a string prefix that comes before the palindromic suffix.
    >>> make_palindrome('')
    ''
    >>> make_palindrome('cat')
    'catac'
    >>> make_palindrome('cata')
    'catac'
    """

"""#,
        canonicalSolution: #"""
    if not string:
        return ''

    beginning_of_suffix = 0

    while not is_palindrome(string[beginning_of_suffix:]):
        beginning_of_suffix += 1

    return string + string[:beginning_of_suffix][::-1]

"""#,
        test: #"""


METADATA = {
    'author': 'jt',
    'dataset': 'test'
}


def check(candidate):
    assert candidate('') == ''
    assert candidate('x') == 'x'
    assert candidate('xyz') == 'xyzyx'
    assert candidate('xyx') == 'xyx'
    assert candidate('jerry') == 'jerryrrej'

"""#,
        entryPoint: "make_palindrome")
}
