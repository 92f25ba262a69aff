/// Everything that can wake the program, as the one event pump in the shell reads it.
public enum Input: Equatable, Sendable {
  case key(Key)
  /// The terminal is now this size (also the first input every screen gets).
  case resize(Size)
  /// What the frame just drawn showed of its scrolling panel (nil: none); a screen keeps its
  /// scroll offset in range with it, as render clamps it.
  case viewport(Viewport?)
  /// Time passed: the wake a screen asked for with `nextWake`, or any other.
  case time
  /// The monotonic clock stood still this long while the machine slept.
  case slept(Millis)
  /// A signal that ends the program, by name (`SIGTERM`).
  case stop(signal: String)
  /// Ctrl-Z. A screen that wants to step away answers with `.stepAway`.
  case suspend
  /// Back from Ctrl-Z (`fg`), after `.stepAway`.
  case continued
  /// A control client's request (or why it could not be read), on the session's side.
  case request(Result<Request, ControlError>, seq: Int?, from: Peer)
  /// Who is attached to the session's socket changed.
  case peers(consoles: Int, watchers: Bool)
  /// A line from the session, on the console's side.
  case message(ControlMessage)
  /// The session's socket closed, on the console's side.
  case hungUp
  /// The record cannot be written (or has caught up, with nil).
  case recordBehind(RecordBehind?)
  /// A hook the program started has finished (or could not start, or was stopped).
  case hookFinished(HookResult)
  /// Something the shell has to say, once, for a few seconds (the control socket ran out of
  /// descriptors); a screen without a place for it lets it go.
  case notice(String)
}

/// A control client, as a screen sees it: which connection, and who it said it is.
public struct Peer: Equatable, Hashable, Sendable {
  public var id: Int
  public var source: Source
  public init(id: Int, source: Source) {
    self.id = id
    self.source = source
  }
}

/// What the shell must do. The core only describes; the shell carries out, in order.
public enum Effect: Equatable, Sendable {
  /// Append this line to the session's record, durably, before the screen shows the change,
  /// and tell the watching clients.
  case record(Record)
  /// A banner went up: ring the bell (or flash, as the candidate chose).
  case alert
  /// Answer one control client.
  case reply(ControlMessage, to: Int)
  /// Welcome a control client: the shell adds the record's lines as written.
  case welcome(ControlMessage.Welcome, to: Int)
  /// Tell every watching client.
  case broadcast(ControlMessage)
  /// Send a request to the session (from the console).
  case send(Request)
  /// Run the hooks for this moment, if any are set; they never hold the screen up.
  case hook(HookCall)
  /// Hand the terminal back and stop the process (Ctrl-Z); `.continued` follows after `fg`.
  case stepAway
  /// Forget what is on the screen: the next frame is drawn whole.
  case redraw
  /// Nothing more to do: the pump returns.
  case quit
}

/// A screen: a value that takes inputs and says what the shell must do, and draws itself.
/// Moving to another screen happens inside `update`, as one of its effects.
public protocol ScreenModel {
  mutating func update(_ input: Input, at now: Instant) -> [Effect]
  /// The screen at `size` and `now`: a pure function of the model.
  func render(size: Size, at now: Instant, colors: Bool) -> Frame
  /// When the screen next changes with no input; nil for never.
  func nextWake(after now: Instant) -> Instant?
}
