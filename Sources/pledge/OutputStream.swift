import Glibc

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
                let n = Glibc.write(1, p.baseAddress! + offset, p.count - offset)
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
    _ = line.withUnsafeBufferPointer { Glibc.write(2, $0.baseAddress!, $0.count) }
}
