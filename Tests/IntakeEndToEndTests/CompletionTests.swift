import Foundation
import IntakeTestSupport
import Testing

/// The shell completions `make docs` and `make install` ship, from the built binary.
@Suite struct CompletionTests {
    @Test("bash, zsh and fish completions name every command and the report's options", arguments: ["bash", "zsh", "fish"])
    func completions(_ shell: String) throws {
        let result = try Intake.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        let script = result.stdoutText
        for word in ["validate", "run", "connections", "orders", "report", "lang", "rejects"] {  // fish writes `-l lang`
            #expect(script.contains(word), "\(shell): \(word)")
        }
    }

    @Test("the bash completion script is valid bash")
    func bashParsesTheScript() throws {
        let result = try Intake.run(["--generate-completion-script", "bash"])
        let scratch = try TemporaryDirectory()
        let path = scratch.url.appendingPathComponent("intake.bash")
        try result.stdout.write(to: path)
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-n", path.path]
        try bash.run()
        bash.waitUntilExit()
        #expect(bash.terminationStatus == 0)
    }
}
