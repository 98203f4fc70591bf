import ArgumentParser

@main
struct Intake: ParsableCommand {
    func run() throws {}
}
