import Foundation
import Glibc
import Testing

/// `make install`, `make uninstall` and `make deb`, as a user runs them, on the release build
/// that scripts/test makes before `swift test` (SwiftPM's build folder is locked while tests
/// run, so the test installs that build rather than building again).
@Suite(.serialized, .timeLimit(.minutes(5))) struct InstallEndToEnd {
  static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  static func make(_ arguments: [String]) async throws -> Output {
    var environment = ProcessInfo.processInfo.environment
    environment["MOCKROOM_USE_BUILT"] = "1"
    let command = ["make", "-C", checkout] + arguments
    let env = environment
    return try await offThePool { try runProcess(command, environment: env) }
  }

  /// A slow command, run off the test threads.
  static func slow(_ arguments: [String]) async throws -> Output {
    try await offThePool { try runProcess(arguments) }
  }

  /// Runs `script` in bash from `/`, with only the system directories and `bin` on PATH.
  static func bash(_ script: String, bin: String, home: String) throws -> Output {
    try runProcess(
      ["bash", "-c", "cd / && " + script],
      environment: ["PATH": "/usr/bin:/bin:\(bin)", "HOME": home, "LANG": "C.UTF-8"])
  }

  /// Every page the command line has: the command and each subcommand people are shown, as
  /// `mockroom-x-y.1`.
  static func pages(of binary: String) throws -> [String] {
    let dump = try runProcess([binary, "--experimental-dump-help"])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
    func walk(_ command: [String: Any], _ prefix: String) -> [String] {
      let name = prefix.isEmpty ? "mockroom" : prefix + "-" + (command["commandName"] as! String)
      let children = ((command["subcommands"] as? [[String: Any]]) ?? []).filter {
        $0["shouldDisplay"] as? Bool != false
      }
      return [name + ".1"] + children.flatMap { walk($0, name) }
    }
    return walk(json["command"] as! [String: Any], "").sorted()
  }

  @Test func installRunUninstallThenADebThatInstallsAndRemoves() async throws {
    let built = Self.checkout + "/.build/dist/mockroom"
    try #require(
      FileManager.default.isExecutableFile(atPath: built),
      "no release build in .build/dist: run scripts/test (or scripts/package build) first")
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("mockroom-install-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let destdir = scratch + "/root"
    let usr = destdir + "/usr"
    // Something already there that is not mockroom's: uninstall must leave it.
    try FileManager.default.createDirectory(
      atPath: usr + "/share/man/man1", withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: usr + "/share/man/man1/other.1", contents: nil))

    // make install DESTDIR=… PREFIX=/usr lays out every file.
    let install = try await Self.make(["install", "DESTDIR=\(destdir)", "PREFIX=/usr"])
    #expect(install.status == 0, "\(install.stderr)")
    let binary = usr + "/bin/mockroom"
    #expect(FileManager.default.isExecutableFile(atPath: binary))
    let prompts = try FileManager.default.contentsOfDirectory(atPath: Self.checkout + "/Prompts")
    let installedPrompts = try FileManager.default.contentsOfDirectory(
      atPath: usr + "/share/mockroom/Prompts")
    #expect(installedPrompts.sorted() == prompts.sorted())
    let plans = try FileManager.default.contentsOfDirectory(atPath: Self.checkout + "/Plans")
    let installedPlans = try FileManager.default.contentsOfDirectory(
      atPath: usr + "/share/mockroom/Plans")
    #expect(!plans.isEmpty && installedPlans.sorted() == plans.sorted())
    let pages = try Self.pages(of: binary)
    #expect(pages.contains("mockroom-stats.1") && pages.contains("mockroom-ctl-extend.1"))
    let installedPages = try FileManager.default.contentsOfDirectory(
      atPath: usr + "/share/man/man1")
    #expect(installedPages.sorted() == (pages + ["other.1"]).sorted())
    #expect(!installedPages.contains("mockroom-manual.1"), "the package script's own command")
    let formats = ["mockroom-config.5", "mockroom-hooks.5", "mockroom-record.5"]
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: usr + "/share/man/man5").sorted()
        == formats)
    let readme = try String(contentsOfFile: usr + "/share/doc/mockroom/README.md", encoding: .utf8)
    #expect(readme == (try String(contentsOfFile: Self.checkout + "/README.md", encoding: .utf8)))
    // mockroom(1) has the sections generate-manual cannot write, and names the format pages.
    let main = try String(contentsOfFile: usr + "/share/man/man1/mockroom.1", encoding: .utf8)
    for section in ["FILES", "ENVIRONMENT", "\"EXIT STATUS\"", "EXAMPLES", "\"SEE ALSO\""] {
      #expect(main.components(separatedBy: "\n.Sh \(section)\n").count == 2, "\(section)")
    }
    for format in formats {
      let name = format.dropLast(2)
      #expect(main.contains(".Xr \(name) 5"), "\(name)")
    }
    #expect(!main.contains("mockroom-manual") && !main.contains(".Ex -std"))
    // --hostile's value is optional; --no-checkin-reminder says what it does.
    let run = try String(contentsOfFile: usr + "/share/man/man1/mockroom-run.1", encoding: .utf8)
    #expect(run.contains("\n.Op Fl -hostile Op Ar duration\n"))
    #expect(run.contains("\n.It Fl -hostile Op Ar duration\n"))
    let help = run.components(separatedBy: "\n.It Fl -no-checkin-reminder\n").last ?? ""
    #expect(help.hasPrefix("No \\%check-in reminder, even if"), "\(help.prefix(80))")
    // Words are kept whole in NAME's description too, but a quoted one is left as it is.
    #expect(run.contains("\n.Nd \"Start a timed session"))
    for completion in [
      "share/bash-completion/completions/mockroom", "share/zsh/site-functions/_mockroom",
      "share/fish/vendor_completions.d/mockroom.fish",
    ] {
      #expect(FileManager.default.fileExists(atPath: usr + "/" + completion), "\(completion)")
    }
    // The Swift runtime is inside the binary: it needs no toolchain to run.
    let libraries = try runProcess(["ldd", binary]).stdout
    #expect(!libraries.contains("swift"), "links the toolchain's libraries:\n\(libraries)")

    // Run from / with only system directories and the prefix on PATH.
    let home = scratch + "/home"
    let list = try Self.bash("mockroom prompts list --json", bin: usr + "/bin", home: home)
    #expect(list.status == 0, "\(list.stderr)")
    let listed = try #require(
      try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
    let entries = try #require(listed["prompts"] as? [[String: Any]])
    #expect(entries.count == prompts.filter { $0.hasSuffix(".md") && $0 != "README.md" }.count)
    #expect(
      entries.allSatisfy { ($0["path"] as? String)?.hasPrefix(usr + "/share/mockroom/") == true },
      "the bundled prompts come from the installed share directory")
    let planList = try Self.bash("mockroom plans list", bin: usr + "/bin", home: home)
    #expect(planList.status == 0, "\(planList.stderr)")
    #expect(planList.stdout.contains("screen-35") && planList.stdout.contains("loop-60"))
    let planShown = try Self.bash("mockroom plans show loop-60", bin: usr + "/bin", home: home)
    #expect(planShown.stdout.contains("file: \(usr)/share/mockroom/Plans/loop-60.yaml"))
    let pane = try Pane(
      width: 80, height: 24, arguments: ["run", "--prompt", "video-recs", "--no-pivots"],
      environment: ["PATH": "/usr/bin:/bin:\(usr)/bin", "MOCKROOM_HOME": home],
      binary: binary, prefix: ["env", "-C", "/"])
    try pane.waitFor("Short-video recommendations")
    try pane.send("q", "y")
    try pane.expectExit(0)

    // Every page renders without a warning, and no name is hyphenated across a line.
    for page in pages.map({ "man1/" + $0 }) + formats.map({ "man5/" + $0 }) {
      let file = usr + "/share/man/" + page
      let rendered = try runProcess(["groff", "-mandoc", "-Tutf8", "-ww", "-z", file])
      #expect(rendered.status == 0 && rendered.stderr.isEmpty, "\(page): \(rendered.stderr)")
      for width in [40, 60, 80] {
        let man = try ManualTests.man(file, width: width)
        #expect(man.status == 0, "\(page): \(man.stderr)")
        #expect(ManualTests.broken(man.stdout).isEmpty, "\(page) at \(width) columns")
      }
    }

    // bash, with the installed completion sourced, completes subcommands and prompt ids.
    let completion = usr + "/share/bash-completion/completions/mockroom"
    func complete(_ line: String) throws -> [String] {
      let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
      let script = """
        source '\(completion)'
        COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " ")))
        COMP_CWORD=\(words.count - 1)
        COMP_LINE='\(line)'
        COMP_POINT=${#COMP_LINE}
        COMPREPLY=()
        _mockroom mockroom '\(words.last!)' '\(words[words.count - 2])'
        printf '%s\\n' "${COMPREPLY[@]}"
        """
      let out = try Self.bash(script, bin: usr + "/bin", home: home)
      #expect(out.status == 0, "\(out.stderr)")
      return out.stdout.split(separator: "\n").map(String.init)
    }
    #expect(try complete("mockroom st") == ["stats"])
    #expect(try complete("mockroom run --prompt vid") == ["video-recs"])
    #expect(try complete("mockroom run --plan scr") == ["screen-35"])

    // make uninstall removes what install laid out, and nothing else.
    let uninstall = try await Self.make(["uninstall", "DESTDIR=\(destdir)", "PREFIX=/usr"])
    #expect(uninstall.status == 0, "\(uninstall.stderr)")
    let left = try runProcess(["find", destdir, "-type", "f"]).stdout
      .split(separator: "\n").map(String.init)
    #expect(left == [usr + "/share/man/man1/other.1"])
    #expect(!FileManager.default.fileExists(atPath: usr + "/share/mockroom"))

    // A DEBDIR that is not there is said before the build, not minutes into it: without
    // MOCKROOM_USE_BUILT, a build would start.
    let started = Date()
    var environment = ProcessInfo.processInfo.environment
    environment["MOCKROOM_USE_BUILT"] = nil
    let missing = try runProcess(
      ["make", "-C", Self.checkout, "deb", "DEBDIR=\(scratch)/missing"], environment: environment)
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("DEBDIR '\(scratch)/missing' is not a directory"))
    #expect(!missing.stderr.contains("building"), "\(missing.stderr)")
    #expect(Date().timeIntervalSince(started) < 30)

    // make deb: the layout under /usr, gzipped pages, zsh's vendor completions, real Depends.
    let debs = scratch + "/debs"
    try FileManager.default.createDirectory(atPath: debs, withIntermediateDirectories: true)
    let made = try await Self.make(["deb", "DEBDIR=\(debs)"])
    #expect(made.status == 0, "\(made.stderr)")
    let version = try runProcess([built, "--version"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let deb = debs + "/mockroom_\(version)_\(try Self.architecture()).deb"
    #expect(FileManager.default.fileExists(atPath: deb), "\(made.stdout)")
    let info = try runProcess(["dpkg-deb", "--info", deb]).stdout
    #expect(info.contains("Package: mockroom"))
    #expect(info.contains("Version: \(version)"))
    for library in ["libc6", "libncursesw6", "libtinfo6", "libsqlite3-0", "libstdc++6"] {
      #expect(info.contains(library + " (>= "), "Depends names \(library):\n\(info)")
    }
    let contents = try runProcess(["dpkg-deb", "--contents", deb]).stdout
    for path in [
      "./usr/bin/mockroom", "./usr/share/man/man1/mockroom.1.gz",
      "./usr/share/man/man1/mockroom-stats.1.gz", "./usr/share/mockroom/Prompts/video-recs.md",
      "./usr/share/man/man5/mockroom-config.5.gz", "./usr/share/man/man5/mockroom-hooks.5.gz",
      "./usr/share/man/man5/mockroom-record.5.gz", "./usr/share/doc/mockroom/README.md.gz",
      "./usr/share/bash-completion/completions/mockroom",
      "./usr/share/zsh/vendor-completions/_mockroom",
      "./usr/share/fish/vendor_completions.d/mockroom.fish",
    ] {
      #expect(contents.contains(path), "the package holds \(path)")
    }
    #expect(contents.split(separator: "\n").allSatisfy { $0.contains("root/root") })
    let lint = try await Self.slow(["lintian", "--tag-display-limit", "0", deb])
    let tags = lint.stdout.split(separator: "\n").filter {
      $0.hasPrefix("E:") || $0.hasPrefix("W:")
    }
    #expect(tags.isEmpty, "lintian: \(lint.stdout)")

    // As root: dpkg installs it, the command works, dpkg removes it.
    guard getuid() == 0 else { return }
    let installed = try await Self.slow(["dpkg", "-i", deb])
    #expect(installed.status == 0, "\(installed.stderr)")
    let versioned = try runProcess(["/usr/bin/mockroom", "--version"])
    #expect(versioned.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == version)
    let removed = try await Self.slow(["dpkg", "-r", "mockroom"])
    #expect(removed.status == 0, "\(removed.stderr)")
    #expect(!FileManager.default.fileExists(atPath: "/usr/bin/mockroom"))
    #expect(!FileManager.default.fileExists(atPath: "/usr/share/mockroom"))
  }

  static func architecture() throws -> String {
    try runProcess(["dpkg", "--print-architecture"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
