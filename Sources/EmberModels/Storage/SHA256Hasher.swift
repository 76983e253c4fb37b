import CCrypto
import Foundation

/// SHA-256 through OpenSSL's EVP digest interface, fed piece by piece.
///
/// ``update(_:)`` as many times as there are chunks, then ``finalize()`` once for the digest
/// as lower-case hex, the form `sha256sum` prints. A hasher holds an OpenSSL context and is
/// used from one task at a time.
public final class SHA256Hasher {
    private let context: OpaquePointer
    private var isFinalized = false

    /// Creates a hasher.
    public init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1
        else {
            fatalError("OpenSSL could not start a SHA-256 digest (out of memory)")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Adds bytes to the digest.
    ///
    /// - Precondition: ``finalize()`` has not been called.
    public func update(_ data: Data) {
        precondition(!isFinalized, "a SHA-256 hasher is updated after it was finalized")
        data.withUnsafeBytes { bytes in
            _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
        }
    }

    /// Ends the digest.
    ///
    /// - Returns: The 64 lower-case hex digits of the SHA-256.
    public func finalize() -> String {
        precondition(!isFinalized, "a SHA-256 hasher is finalized twice")
        isFinalized = true
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context, &digest, &length)
        return Self.hex(digest.prefix(Int(length)))
    }

    /// The SHA-256 of bytes, as lower-case hex.
    public static func hexDigest(of data: Data) -> String {
        let hasher = SHA256Hasher()
        hasher.update(data)
        return hasher.finalize()
    }

    /// The SHA-256 of a string's UTF-8 bytes, as lower-case hex.
    public static func hexDigest(of text: String) -> String {
        hexDigest(of: Data(text.utf8))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
