import FuzzTargets

// libFuzzer's entry point. scripts/fuzz builds this with the fuzzer; a normal build links it
// too, as a program that does nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzTargets.prompt(Array(UnsafeBufferPointer(start: data, count: size)))
  return 0
}
