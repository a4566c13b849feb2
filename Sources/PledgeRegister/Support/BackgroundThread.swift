import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs CPU-heavy work on a thread of its own at a lower scheduling priority than the
/// rest of the process.
///
/// An ingest is one writer fed by extractions on every core. With the extractions at the
/// same priority the writer had to share a core with them and everything waited on it;
/// niced, they take the cores the writer leaves idle. It also keeps a laptop responsive
/// during a long ingest.
enum BackgroundThread {
    /// How much lower: the nice value of the thread. Linux keeps nice per thread, and `0` names
    /// the calling one.
    static let niceness: Int32 = 5

    /// A server's uploads: pages come first, and a reading takes only what they leave.
    static let serverNiceness: Int32 = 15

    /// Runs `work` at `niceness` (programs it starts, such as pdftotext, inherit it).
    static func run<T: Sendable>(niceness: Int32 = niceness, _ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                #if os(Linux)
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
                #endif
                continuation.resume(returning: work())
            }
            thread.name = "pledge-extract"
            thread.start()
        }
    }
}
