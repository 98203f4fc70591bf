import Foundation

/// An exclusive lock beside the state file (`<state>.lock`, `flock(2)`): one run at a time on one state. A
/// second run waits up to `timeout` seconds, then fails with a clear message (exit 2). The kernel drops the
/// lock when the process dies, even by SIGKILL.
final class StateLock {
    private let fd: Int32

    /// Takes the lock.
    /// - Throws: `UsageError` when the lock file cannot be opened or another run holds it past `timeout`.
    init(statePath: String, timeout: TimeInterval) throws {
        let path = statePath + ".lock"
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw UsageError("cannot open the lock file \(path): \(String(cString: strerror(errno)))") }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if Date() >= deadline {
                close(fd)
                throw UsageError("another intake run is using the state \(statePath) (waited \(Int(timeout)) s); try again when it has finished")
            }
            usleep(100_000)
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
