#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output with a large buffer: extraction output can run to hundreds of megabytes.
struct StandardOutput: TextOutputStream {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        buffer.withUnsafeBufferPointer { p in
            var offset = 0
            while offset < p.count {
                let n = systemWrite(1, p.baseAddress! + offset, p.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Prints `pledge: message` on standard error.
func printError(_ message: String) {
    let line = Array("pledge: \(message)\n".utf8)
    _ = line.withUnsafeBufferPointer { systemWrite(2, $0.baseAddress!, $0.count) }
}

/// write(2), named apart from `StandardOutput.write(_:)`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}
