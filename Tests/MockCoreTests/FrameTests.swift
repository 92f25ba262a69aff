import MockCore
import Testing

@Suite struct FrameChanges {
  @Test func withoutAPreviousFrameEveryRowIsWhole() {
    let frame = Frame(size: Size(width: 4, height: 3))
    #expect(frame.changes(since: nil).map(\.row) == [0, 1, 2])
    #expect(frame.changes(since: nil).allSatisfy { $0.columns == 0..<4 })
  }

  @Test func aDifferentSizeRedrawsEverything() {
    let old = Frame(size: Size(width: 5, height: 3))
    let new = Frame(size: Size(width: 4, height: 3))
    #expect(new.changes(since: old).count == 3)
  }

  @Test func onlyTheSpanFromFirstToLastChangedCellIsReported() {
    var old = Frame(size: Size(width: 10, height: 3))
    old.put("0:59", x: 3, y: 1)
    var new = old
    new.put("0:58", x: 3, y: 1)
    new.put("X", x: 0, y: 2)
    new.put("Y", x: 9, y: 2)
    let changes = new.changes(since: old)
    #expect(changes.map(\.row) == [1, 2])
    #expect(changes[0].columns == 6..<7)
    #expect(changes[1].columns == 0..<10)
  }

  @Test func aStyleChangeAloneIsAChange() {
    var old = Frame(size: Size(width: 6, height: 1))
    old.put("OK", x: 2, y: 0)
    var new = old
    new.put("OK", x: 2, y: 0, style: Style(reverse: true))
    #expect(new.changes(since: old).map(\.columns) == [2..<4])
  }

  @Test func identicalFramesHaveNoChanges() {
    var frame = Frame(size: Size(width: 8, height: 2))
    frame.put("same", x: 1, y: 1, style: Style(bold: true))
    #expect(frame.changes(since: frame).isEmpty)
  }

  @Test func textOutsideTheFrameIsClipped() {
    var frame = Frame(size: Size(width: 3, height: 1))
    frame.put("abcdef", x: -2, y: 0)
    frame.put("zz", x: 0, y: 5)
    #expect(frame.text == "cde")
  }
}
