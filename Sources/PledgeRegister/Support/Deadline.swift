import Synchronization

/// Runs `operation`, giving up after `limit` with `timeout()`'s error.
///
/// Unlike a task group, which waits for every child before it returns, this returns at the
/// deadline even when the operation ignores cancellation (a network call on a connection that
/// died without saying so); the operation is cancelled and left to finish on its own.
public func withDeadline<T: Sendable>(
    _ limit: Duration, timeout: @escaping @Sendable () -> any Error, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let race = DeadlineRace<T>()
    return try await withCheckedThrowingContinuation { continuation in
        // The caller waits before the work starts, so an instant answer still reaches it.
        race.wait(continuation)
        race.setWork(Task {
            do { race.finish(.success(try await operation())) } catch { race.finish(.failure(error)) }
            // The answer is in: the timer has nothing left to do.
            race.cancelTimer()
        })
        race.setTimer(Task {
            try? await Task.sleep(for: limit)
            if !Task.isCancelled, race.finish(.failure(timeout())) { race.cancelWork() }
        })
    }
}

/// Whichever of the operation and the timer ends first resumes the caller, once.
final class DeadlineRace<T: Sendable>: Sendable {
    private let waiter = Mutex<CheckedContinuation<T, any Error>?>(nil)
    private let work = Mutex<Task<Void, Never>?>(nil)

    func wait(_ continuation: CheckedContinuation<T, any Error>) { waiter.withLock { $0 = continuation } }

    func setWork(_ task: Task<Void, Never>) { work.withLock { $0 = task } }

    @discardableResult
    func finish(_ result: Result<T, any Error>) -> Bool {
        guard let continuation = waiter.withLock({ waiting -> CheckedContinuation<T, any Error>? in
            defer { waiting = nil }
            return waiting
        }) else { return false }
        continuation.resume(with: result)
        return true
    }

    func cancelWork() { work.withLock { $0?.cancel() } }

    /// The timer, and whether the operation has finished (so that a timer set late is stopped at once).
    private let timer = Mutex<(task: Task<Void, Never>?, finished: Bool)>((nil, false))

    func setTimer(_ task: Task<Void, Never>) {
        let finished = timer.withLock { state in
            state.task = task
            return state.finished
        }
        if finished { task.cancel() }
    }

    func cancelTimer() {
        let task = timer.withLock { state in
            state.finished = true
            return state.task
        }
        task?.cancel()
    }
}
