import Foundation
import Glibc
import Testing

@testable import mockroom

/// Reading a directory: an entry's name is read by its length, never past the entry.
@Suite struct DirectoryEntryTests {
  /// `readdir` hands back records only as long as their names (`d_reclen`), not the 256 bytes
  /// `d_name` is declared with; the last one in its buffer can end where readable memory ends.
  /// Each entry here ends exactly at a page no process may read, so reading one byte past it
  /// kills the process (in a child, so that only this test fails).
  @Test func aNameIsReadByItsLengthNotPastTheEntry() async {
    await #expect(processExitsWith: .success) {
      let page = Int(sysconf(Int32(_SC_PAGESIZE)))
      guard
        let memory = mmap(
          nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
        memory != UnsafeMutableRawPointer(bitPattern: -1),
        mprotect(memory + page, page, PROT_NONE) == 0
      else { exit(2) }
      let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
      let lengthOffset = MemoryLayout<dirent>.offset(of: \dirent.d_reclen)!
      for length in [1, 2, 5, 6, 7, 8, 9, 16, 24, 100, 200, 254, 255] {
        let name = String(repeating: "é", count: length / 2) + (length % 2 == 1 ? "x" : "")
        // A record is the header, the name and its NUL, rounded up to 8 bytes, as the kernel
        // lays them out.
        let size = (nameOffset + length + 1 + 7) & ~7
        let record = memory + page - size
        memset(record, 0x5A, size)
        record.storeBytes(of: UInt16(size), toByteOffset: lengthOffset, as: UInt16.self)
        let bytes = Array(name.utf8) + [0]
        bytes.withUnsafeBytes {
          (record + nameOffset).copyMemory(from: $0.baseAddress!, byteCount: $0.count)
        }
        let read = SessionStore.name(of: UnsafePointer(record.assumingMemoryBound(to: dirent.self)))
        guard read == name else { exit(1) }
      }
    }
  }
}
