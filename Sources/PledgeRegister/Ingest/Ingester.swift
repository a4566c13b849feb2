import PledgeExtract
import PledgeModel

/// Ingests many files: extraction runs on every core, at a lower priority
/// (`BackgroundThread`), while a single writer stores each document in its own
/// transaction, in the order given. At most a few documents are in flight at once, so
/// memory stays flat however many files there are.
public struct Ingester: Sendable {
    public struct Options: Sendable {
        public var key: String?
        public var date: Day?
        public var language: Language?
        public var parallelism: Int

        /// Who the documents are between, overriding what their titles say; the issuer first.
        public var parties: [Party]?
        /// The document they translate; without it, a translation is recognised (`Translations`).
        public var translationOf: String?
        /// Whether each stored document is paired with its translation and linked to other
        /// documents; off, only to measure what that costs (`pledge-register-benchmark`).
        public var relates = true

        public init(key: String? = nil, date: Day? = nil, language: Language? = nil, parties: [Party]? = nil,
                    translationOf: String? = nil, parallelism: Int = 2) {
            self.translationOf = translationOf
            self.parties = parties
            self.key = key
            self.date = date
            self.language = language
            self.parallelism = max(1, parallelism)
        }
    }

    /// The result for one file: what the register did, or why the file was left out.
    public enum FileResult: Sendable {
        case stored(IngestOutcome)
        case failed(String)
    }

    public var register: any Register
    public var options: Options

    public init(register: any Register, options: Options = Options()) {
        self.register = register
        self.options = options
    }

    /// Calls `progress` after each file with (files done, file, result).
    public func ingest(
        paths: [String], progress: @Sendable (Int, String, FileResult) -> Void = { _, _, _ in }
    ) async throws -> [FileResult] {
        let options = self.options
        let cache = DocumentLinks.Cache()
        var results = [FileResult?](repeating: nil, count: paths.count)
        try await withThrowingTaskGroup(of: (Int, Result<DocumentRecord, LoadError>).self) { group in
            var next = 0
            func start() {
                guard next < paths.count else { return }
                let index = next, path = paths[index]
                next += 1
                group.addTask {
                    await BackgroundThread.run {
                        do {
                            return (index, .success(try DocumentLoader.load(path: path, key: options.key, date: options.date, language: options.language, parties: options.parties)))
                        } catch let error as LoadError {
                            return (index, .failure(error))
                        } catch {
                            return (index, .failure(LoadError(file: path, problem: "\(error)")))
                        }
                    }
                }
            }
            // Extracted documents waiting for the writer count against the same limit, which
            // leaves room for extractions to go on while the writer stores a run of documents.
            let limit = options.parallelism * 4
            var ready: [Int: Result<DocumentRecord, LoadError>] = [:]
            var written = 0
            for _ in 0..<limit { start() }
            while let (index, loaded) = try await group.next() {
                ready[index] = loaded
                // Store in the order given, so that `--key` on several versions keeps the last;
                // every document ready in that order goes to the writer at once.
                var run: [Result<DocumentRecord, LoadError>] = []
                while let result = ready.removeValue(forKey: written + run.count) { run.append(result) }
                guard !run.isEmpty else { continue }
                let records = run.compactMap { if case .success(let record) = $0 { record } else { nil } }
                var outcomes = try await register.ingest(records).makeIterator()
                for result in run {
                    let fileResult: FileResult
                    switch result {
                    case .success(let record): fileResult = .stored(try await related(outcomes.next()!, record, cache: cache))
                    case .failure(let error): fileResult = .failed(error.description)
                    }
                    results[written] = fileResult
                    written += 1
                    progress(written, paths[written - 1], fileResult)
                }
                while next - written < limit && next < paths.count { start() }
            }
        }
        return results.map { $0! }
    }

    /// Reads and extracts a document sent whole (an upload) on a thread of much lower priority
    /// than the caller's, so that a server's other requests go on at their pace while a
    /// large PDF is read. Memory the reading took is handed back to the system after it.
    public func read(bytes: [UInt8], name: String) async throws(LoadError) -> DocumentRecord {
        let options = self.options
        defer {
            #if os(Linux)
            // A 20 MB PDF's reading takes a few hundred MB, which glibc's allocator would keep.
            _ = glibcMallocTrim(0)
            #endif
        }
        let result: Result<DocumentRecord, LoadError> = await BackgroundThread.run(niceness: BackgroundThread.serverNiceness) {
            do {
                return .success(try DocumentLoader.load(
                    bytes: bytes, name: name, key: options.key, date: options.date, language: options.language, parties: options.parties))
            } catch let error as LoadError {
                return .failure(error)
            } catch {
                return .failure(LoadError(file: name, problem: "\(error)"))
            }
        }
        return try result.get()
    }

    /// Stores a document read by `read(bytes:name:)`, paired and linked as `ingest(paths:)` does.
    public func store(_ record: DocumentRecord) async throws -> IngestOutcome {
        try await related(try await register.ingest(record), record, cache: DocumentLinks.Cache())
    }

    /// Pairs a stored document with its original or translation, saying so in its outcome,
    /// and links its items to those of the documents about the same initiatives.
    func related(_ outcome: IngestOutcome, _ record: DocumentRecord, cache: DocumentLinks.Cache) async throws -> IngestOutcome {
        guard options.relates, outcome.change != .unchanged || options.translationOf != nil else { return outcome }
        var outcome = outcome
        do {
            if let pairing = try await Translations.pair(
                outcome.document, in: register, original: options.translationOf, reading: record.extraction) {
                outcome.add(note: "\(pairing.translation) is a translation of \(pairing.original): their paired items are one commitment each")
            }
        } catch let error as RegisterError {
            // The document is stored; only its pairing failed, and the next ingest tries again.
            outcome.add(note: "\(outcome.document) was stored but not paired with a translation: \(error)")
        }
        guard outcome.change != .unchanged else { return outcome }
        var stored = record
        stored.key = outcome.document
        do {
            try await DocumentLinks.link(stored, in: register, cache: cache, fresh: outcome.change == .added)
        } catch let error as RegisterError {
            outcome.add(note: "\(outcome.document) was stored but not linked to other documents: \(error)")
        }
        return outcome
    }
}

#if os(Linux)
/// glibc's `malloc_trim`, which its Swift module does not export: hands the heap's free
/// memory back to the system.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
