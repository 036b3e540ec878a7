import Foundation
import IndsatsAnalytics
import IndsatsCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A snapshot file (``Snapshot``): the register, or the pages a server rendered ahead, beside
/// an SQLite file or in the user's cache folder for a PostgreSQL server. It is only ever a copy:
/// read when its key is the store's latest write and this build's, rebuilt from the database
/// when it is missing, older or damaged, and replaced whole (written to a new file, then
/// renamed over the old one) so a reader never sees half of one (docs/arkitektur.md, "Øjebliksbilledet").
struct SnapshotFile: Sendable {
    let path: String
    /// Where notices go (a damaged file, a folder that cannot be written); standard error by default.
    let notice: @Sendable (String) -> Void

    init(path: String, notice: @escaping @Sendable (String) -> Void = Self.printNotice) {
        self.path = path
        self.notice = notice
    }

    /// The snapshot called `name` beside the SQLite file at `databasePath` (`indsats.sqlite-register`).
    static func beside(_ databasePath: String, name: String) -> SnapshotFile {
        SnapshotFile(path: databasePath + "-" + name)
    }

    /// The snapshot called `name` in the cache folder (`INDSATS_CACHE`, else `$XDG_CACHE_HOME/indsats`,
    /// else `~/.cache/indsats`), named by the server, port and database, never by the user or password.
    static func cached(
        for location: PostgresLocation, name: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> SnapshotFile {
        let folder =
            environment["INDSATS_CACHE"]
            ?? (environment["XDG_CACHE_HOME"] ?? (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache") + "/indsats"
        var sum = Checksum()
        Array("\(location.host):\(location.port)/\(location.database)".utf8).withUnsafeBytes { sum.add($0) }
        return SnapshotFile(path: folder + "/" + String(sum.value, radix: 16) + "-" + name)
    }

    static func printNotice(_ text: String) {
        FileHandle.standardError.write(Data("indsats: \(text)\n".utf8))
    }

    /// This program's identity: its size and modification time. A new build reads no snapshot an
    /// older one wrote, even where the register's layout looks the same.
    static let buildIdentity: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments[0], &info) == 0 else { return "ukendt" }
        #if canImport(Darwin)
            return "\(info.st_size)-\(info.st_mtimespec.tv_sec)-\(info.st_mtimespec.tv_nsec)"
        #else
            return "\(info.st_size)-\(info.st_mtim.tv_sec)-\(info.st_mtim.tv_nsec)"
        #endif
    }()

    /// The key a snapshot of the store's write `storeKey` has in this build.
    static func key(_ storeKey: String) -> String { "\(buildIdentity) \(storeKey)" }

    /// The value in the file if it was written for `storeKey`; `nil` when there is none or it
    /// is older (it is then rebuilt). A damaged file is reported and treated as none.
    func read<T: Snapshottable>(_ type: T.Type, storeKey: String, parts: RegisterParts = .all) -> T? {
        opened { input in
            do {
                return try Snapshot.read(T.self, from: &input, key: Self.key(storeKey), parts: parts)
            } catch {
                notice("øjebliksbilledet \(path) kunne ikke læses (\(error)); det bygges igen fra databasen")
                return nil
            }
        }
    }

    /// `body` with the file open for reading; `nil` when there is none.
    private func opened<T>(_ body: (inout FileInput) -> T?) -> T? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var input = FileInput(fd: fd, remaining: Int(info.st_size))
        return body(&input)
    }

    /// The store key the file was written for by this build, without reading the rest; `nil`
    /// when there is no file, or another build wrote it.
    func storedKey<T: Snapshottable>(_ type: T.Type) -> String? {
        opened { input in
            guard let key = try? Snapshot.key(T.self, in: &input), key.hasPrefix(Self.buildIdentity + " ") else { return nil }
            return String(key.dropFirst(Self.buildIdentity.count + 1))
        }
    }

    /// Writes `value` as the snapshot of `storeKey`, replacing the file whole. A failure (a
    /// full disk, a folder that cannot be written) is reported, never thrown: the database has
    /// the data, and the next reader builds the register from it.
    ///
    /// While writing it holds a lock on `<path>.laas`; a process that finds the lock held (a
    /// server and `indsats import` after the same import, say) leaves the writing to the other
    /// and answers `false`: the file is 0,5 GB on 1 mio. persons, and two processes writing it
    /// at once took a core from the pages after an import. The lock goes with the process that
    /// held it, so a process stopped while writing never keeps others from writing. Should the
    /// other write an older key, the next reader reads the database for the difference, as for
    /// any older snapshot.
    @discardableResult
    func write<T: Snapshottable>(_ value: T, storeKey: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let lock = open(path + ".laas", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if lock >= 0 {
            guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
                close(lock)
                return false
            }
        }
        defer { if lock >= 0 { close(lock) } }
        removeLeftovers()
        let temporary = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).ny"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            notice("øjebliksbilledet kan ikke skrives i \(folder.isEmpty ? "." : folder) (\(String(cString: strerror(errno))))")
            return true
        }
        var output = FileOutput(fd: fd)
        do {
            try Snapshot.write(value, key: Self.key(storeKey), to: &output)
            try output.flush()
            close(fd)
            guard rename(temporary, path) == 0 else { throw FileError(errno: errno) }
        } catch {
            close(fd)
            unlink(temporary)
            notice("øjebliksbilledet \(path) kunne ikke skrives (\(error))")
        }
        return true
    }

    /// Removes half-written files of this snapshot (`<path>.<pid>.<n>.ny`) whose writer is gone: a
    /// process stopped while writing leaves one, which nothing else would ever remove.
    func removeLeftovers() {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + "."
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        where name.hasPrefix(prefix) && name.hasSuffix(".ny") {
            let parts = name.dropFirst(prefix.count).split(separator: ".")
            guard parts.count == 3, let pid = pid_t(parts[0]), pid > 0, kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(folder.isEmpty ? name : folder + "/" + name)
        }
    }

    /// Removes the file, if there is one.
    func remove() { unlink(path) }

    /// Marks this process as a server keeping the snapshot up to date itself, while the mark lives
    /// (a shared lock on `<path>.tjener`); `nil` when the mark cannot be made.
    func markServing() -> ServingMark? {
        let fd = open(path + ".tjener", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_SH | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        return ServingMark(fd: fd)
    }

    /// Whether a server holds a mark on the snapshot (``markServing()``).
    var isServed: Bool {
        let fd = open(path + ".tjener", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }
}

/// A server's mark on the register's snapshot (``RegisterStore/markServing()``): held until it is
/// let go of, or the process ends, however it ends.
public final class ServingMark: Sendable {
    private let fd: Int32
    fileprivate init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }
}

/// An error from the operating system, in its own words.
private struct FileError: Error, CustomStringConvertible {
    var errno: Int32
    var description: String { String(cString: strerror(errno)) }
}

/// Reads a snapshot straight into the register's columns.
private struct FileInput: SnapshotInput {
    let fd: Int32
    var remaining: Int

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws {
        guard buffer.count <= remaining else { throw DamagedSnapshot(reason: "filen slutter for tidligt") }
        var done = 0
        while done < buffer.count {
            let n = systemRead(fd, buffer.baseAddress! + done, buffer.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw n == 0 ? DamagedSnapshot(reason: "filen slutter for tidligt") : FileError(errno: errno) }
            done += n
        }
        remaining -= done
    }

    mutating func skip(_ count: Int) throws {
        guard count >= 0, count <= remaining else { throw DamagedSnapshot(reason: "filen slutter for tidligt") }
        guard lseek(fd, off_t(count), SEEK_CUR) >= 0 else { throw FileError(errno: errno) }
        remaining -= count
    }
}

/// Writes a snapshot through a buffer, so the many small headers cost no system call each.
private struct FileOutput: SnapshotOutput {
    let fd: Int32
    var buffer: [UInt8] = []
    static let bufferSize = 1 << 20

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(Self.bufferSize)
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > Self.bufferSize { try flush() }
        if bytes.count >= Self.bufferSize {
            try Self.writeAll(fd, bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    mutating func flush() throws {
        try buffer.withUnsafeBytes { try Self.writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw FileError(errno: errno) }
            done += n
        }
    }
}

// The system's read and write, under names the snapshot's own `read` and `write` do not hide.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
