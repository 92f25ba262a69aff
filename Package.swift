// swift-tools-version:6.0
import PackageDescription

// Linux only: the shell is written against Glibc, ncursesw, Linux's CLOCK_BOOTTIME and
// SO_PEERCRED, and Debian's libsqlite3. SwiftPM has no way to name Linux as the one platform
// (`platforms:` lists Apple systems only), so none is listed, and the shell says so at build time.
let package = Package(
  name: "mockroom",
  products: [
    .executable(name: "mockroom", targets: ["mockroom"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    // No pkgConfig: ncursesw.pc's -D_XOPEN_SOURCE flags are dropped by SwiftPM with a warning,
    // and the header is on the default include path; shim.h sets what those flags would.
    .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
    .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
    // Only the tests use it: to read the pixels of a PNG the browser drew.
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "MockCore", dependencies: [.product(name: "Yams", package: "Yams")]),
    .executableTarget(
      name: "mockroom",
      dependencies: [
        "MockCore",
        "CNcurses",
        "CSQLite",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // What the fuzzers do with an input, shared with the test that replays Fuzz/FailCases.
    .target(name: "FuzzTargets", dependencies: ["MockCore"]),
    // libFuzzer targets, one per decoder of outside input: built by scripts/fuzz.
    .executableTarget(name: "FuzzPrompt", dependencies: ["FuzzTargets"]),
    .executableTarget(name: "FuzzRecord", dependencies: ["FuzzTargets"]),
    .executableTarget(name: "FuzzControl", dependencies: ["FuzzTargets"]),
    .executableTarget(name: "FuzzDuration", dependencies: ["FuzzTargets"]),
    // The checks every report the tests make must pass, shared by both test targets.
    .target(name: "ReportCheck", path: "Tests/ReportCheck"),
    .testTarget(
      name: "MockCoreTests", dependencies: ["MockCore", "FuzzTargets", "ReportCheck"],
      exclude: ["Golden"]),
    .testTarget(name: "EndToEndTests", dependencies: ["mockroom", "CZlib", "ReportCheck"]),
  ],
  swiftLanguageModes: [.v6]
)
