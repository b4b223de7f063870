// Every raw call into the C library lives in this file, so the rest of the
// module speaks Swift types only (the model is swift-system's Syscalls.swift).
import CPCRE2

/// The C library's error text for `code`, e.g. "missing closing parenthesis".
func pcre2ErrorMessage(_ code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let n = buffer.withUnsafeMutableBufferPointer {
        pcre2_get_error_message_8(code, $0.baseAddress, $0.count)
    }
    guard n > 0 else { return "PCRE2 error \(code)" }
    return String(decoding: buffer[..<Int(n)], as: UTF8.self)
}

func pcre2Compile(
    _ pattern: UnsafeBufferPointer<UInt8>, options: UInt32
) -> Result<OpaquePointer, PCRE2.Error> {
    var code: Int32 = 0
    var offset: Int = 0
    guard let compiled = pcre2_compile_8(
        pattern.baseAddress, pattern.count, options, &code, &offset, nil)
    else {
        return .failure(PCRE2.Error(code: code, offset: offset))
    }
    return .success(compiled)
}

func pcre2JITCompile(_ code: OpaquePointer) -> Int32 {
    pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE))
}

func pcre2CodeFree(_ code: OpaquePointer) { pcre2_code_free_8(code) }

func pcre2CaptureCount(_ code: OpaquePointer) -> Int {
    var count: UInt32 = 0
    _ = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
    return Int(count)
}

func pcre2MatchDataCreate(_ code: OpaquePointer) -> OpaquePointer {
    guard let data = pcre2_match_data_create_from_pattern_8(code, nil) else {
        fatalError("PCRE2: out of memory creating match data")
    }
    return data
}

func pcre2MatchDataFree(_ data: OpaquePointer) { pcre2_match_data_free_8(data) }

func pcre2MatchContextCreate() -> OpaquePointer {
    guard let context = pcre2_match_context_create_8(nil) else {
        fatalError("PCRE2: out of memory creating a match context")
    }
    return context
}

func pcre2MatchContextFree(_ context: OpaquePointer) { pcre2_match_context_free_8(context) }

func pcre2SetLimits(_ context: OpaquePointer, match: UInt32, depth: UInt32) {
    _ = pcre2_set_match_limit_8(context, match)
    _ = pcre2_set_depth_limit_8(context, depth)
}

func pcre2JITStackCreate(start: Int, max: Int) -> OpaquePointer? {
    pcre2_jit_stack_create_8(start, max, nil)
}

func pcre2JITStackFree(_ stack: OpaquePointer) { pcre2_jit_stack_free_8(stack) }

func pcre2JITStackAssign(_ context: OpaquePointer, _ stack: OpaquePointer) {
    pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
}

func pcre2Match(
    _ code: OpaquePointer, _ subject: UnsafeBufferPointer<UInt8>, from start: Int,
    options: UInt32, _ data: OpaquePointer, _ context: OpaquePointer
) -> Int32 {
    // An empty buffer may have a nil base address; PCRE2 wants a real pointer.
    let base = subject.baseAddress ?? UnsafePointer(bitPattern: 1)!
    return pcre2_match_8(code, base, subject.count, start, options, data, context)
}

func pcre2Ovector(_ data: OpaquePointer) -> UnsafeMutablePointer<Int> {
    pcre2_get_ovector_pointer_8(data)
}

// Constants the Swift importer drops or imports with awkward types.
enum C {
    static let utf = UInt32(PCRE2_UTF)
    static let ucp = UInt32(PCRE2_UCP)
    static let caseless = UInt32(PCRE2_CASELESS)
    static let multiline = UInt32(PCRE2_MULTILINE)
    static let dotAll = UInt32(PCRE2_DOTALL)
    static let extended = UInt32(PCRE2_EXTENDED)
    static let anchored = UInt32(PCRE2_ANCHORED)
    static let noUTFCheck = UInt32(PCRE2_NO_UTF_CHECK)
    static let notBOL = UInt32(PCRE2_NOTBOL)
    static let notEOL = UInt32(PCRE2_NOTEOL)
    static let notEmptyAtStart = UInt32(PCRE2_NOTEMPTY_ATSTART)
    static let errorNoMatch = Int32(PCRE2_ERROR_NOMATCH)
    static let errorJITStackLimit = Int32(PCRE2_ERROR_JIT_STACKLIMIT)
    static let errorMatchLimit = Int32(PCRE2_ERROR_MATCHLIMIT)
    static let errorDepthLimit = Int32(PCRE2_ERROR_DEPTHLIMIT)
}
