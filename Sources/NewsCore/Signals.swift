#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// SIGINT and SIGTERM stop a tool at a record boundary; SIGPIPE is ignored so
/// that a closed pipe shows up as EPIPE, which ends the tool quietly.
public enum Signals {
    private static let received = Atomic<Int32>(0)

    /// The signal received, or 0.
    public static var pending: Int32 { received.load(ordering: .relaxed) }

    /// Installs the handlers. Reads are not restarted after a signal, so a
    /// tool waiting for input notices at once.
    public static func install() {
        signal(SIGPIPE, SIG_IGN)
        // A process inherits its parent's signal mask: unblock the signals we
        // handle before any thread starts, or a parent that blocked them
        // (some process launchers do) would leave the tool deaf to them.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for sig in [SIGINT, SIGTERM] {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { s in Signals.received.store(s, ordering: .relaxed) }
            #else
            action.sa_handler = { s in Signals.received.store(s, ordering: .relaxed) }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
    }
}
