import EmberData
import EmberModels
import Foundation
import Testing

@Suite("SHA-256")
struct SHA256HasherTests {
    @Test("known digests of bytes")
    func knownDigests() {
        #expect(SHA256Hasher.hexDigest(of: "hello")
            == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        #expect(SHA256Hasher.hexDigest(of: Data())
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("hashing in pieces gives the digest of the whole")
    func pieces() {
        let hasher = SHA256Hasher()
        hasher.update(Data("hel".utf8))
        hasher.update(Data("lo".utf8))
        #expect(hasher.finalize() == SHA256Hasher.hexDigest(of: "hello"))
    }

    @Test("a file's digest matches shared/datasets/SHA256SUMS")
    func fileDigest() throws {
        let path = TestData.path("gsm8k/test.jsonl")
        #expect(try SHA256Hasher.hexDigest(ofFileAt: path)
            == "3730d312f6e3440559ace48831e51066acaca737f6eabec99bccb9e4b3c39d14")
    }
}
