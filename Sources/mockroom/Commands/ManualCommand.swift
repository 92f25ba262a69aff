import ArgumentParser
import Foundation

/// `mockroom manual PAGE`: what scripts/package installs beside the pages `generate-manual`
/// writes, from the same definitions the code runs on. Hidden: it is for the package script.
struct ManualCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "manual",
    abstract: "Print a manual page in mdoc: config, hooks or record (section 5), or the "
      + "sections mockroom(1) gains.",
    shouldDisplay: false)

  enum Page: String, ExpressibleByArgument, CaseIterable {
    case config, hooks, record, sections
  }

  @Argument(help: "config, hooks, record, or sections.") var page: Page

  @Option(help: ArgumentHelp("The page's date.", valueName: "yyyy-mm-dd")) var date: String?

  @Option(
    name: .customLong("see-also"),
    help: ArgumentHelp("With sections: a subcommand's page to name.", valueName: "page"))
  var seeAlso: [String] = []

  func run() throws {
    let date = date ?? Self.today()
    switch page {
    case .config: print(ConfigPage.mdoc(date: date), terminator: "")
    case .hooks: print(HooksPage.mdoc(date: date), terminator: "")
    case .record: print(RecordPage.mdoc(date: date), terminator: "")
    case .sections: print(CommandSections.mdoc(seeAlso: seeAlso), terminator: "")
    }
  }

  static func today() -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: Date())
  }
}
